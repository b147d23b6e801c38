/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nec-sim-drive-private.h"
#include "nec-sim-sense.h"

#define NEC_SIM_CDB_SIZE  12
#define NEC_SIM_CDB_BANK1 0x10

/* the bank bit selects the chip: bank 1 exists on the 640K family only */
static guint8
nec_sim_drive_bank(const guint8 *cdb)
{
	return (cdb[1] & NEC_SIM_CDB_BANK1) != 0 ? 1 : 0;
}

static void
nec_sim_drive_read_ram(NecSimDrive *self,
		       const guint8 *cdb,
		       NecSimDir dir,
		       guint8 *data,
		       gsize data_len,
		       NecSimResult *result)
{
	nec_sim_drive_do_read_ram(self,
				  nec_sim_drive_bank(cdb),
				  nec_sim_read_be32(cdb + 2),
				  nec_sim_read_be16(cdb + 7),
				  cdb + 9,
				  dir,
				  data,
				  data_len,
				  result);
}

static void
nec_sim_drive_safe_mode(NecSimDrive *self,
			const guint8 *cdb,
			NecSimDir dir,
			guint8 *data,
			gsize data_len,
			NecSimResult *result)
{
	nec_sim_drive_do_safe_mode(self, cdb[2], cdb + 4, cdb[8], result);
}

static void
nec_sim_drive_write_ram(NecSimDrive *self,
			const guint8 *cdb,
			NecSimDir dir,
			guint8 *data,
			gsize data_len,
			NecSimResult *result)
{
	nec_sim_drive_do_write_ram(self,
				   nec_sim_drive_bank(cdb),
				   nec_sim_read_be32(cdb + 2),
				   cdb[8],
				   cdb[9],
				   dir,
				   data,
				   data_len,
				   result);
}

static void
nec_sim_drive_send_checksum(NecSimDrive *self,
			    const guint8 *cdb,
			    NecSimDir dir,
			    guint8 *data,
			    gsize data_len,
			    NecSimResult *result)
{
	nec_sim_drive_do_send_checksum(self,
				       nec_sim_drive_bank(cdb),
				       nec_sim_read_be16(cdb + 2),
				       cdb[7],
				       cdb[8],
				       cdb[9],
				       result);
}

/* the block bitmap of bytes 2..8: block b is bit b % 8 of byte 8 - b / 8 */
static guint64
nec_sim_drive_blocks(const guint8 *cdb)
{
	guint64 mask = 0;
	for (guint i = 0; i < 7; i++)
		mask |= (guint64)cdb[8 - i] << (i * 8);
	return mask;
}

static void
nec_sim_drive_erase(NecSimDrive *self,
		    const guint8 *cdb,
		    NecSimDir dir,
		    guint8 *data,
		    gsize data_len,
		    NecSimResult *result)
{
	nec_sim_drive_do_blocks(self,
				nec_sim_drive_bank(cdb),
				FALSE,
				nec_sim_drive_blocks(cdb),
				result);
}

static void
nec_sim_drive_program(NecSimDrive *self,
		      const guint8 *cdb,
		      NecSimDir dir,
		      guint8 *data,
		      gsize data_len,
		      NecSimResult *result)
{
	nec_sim_drive_do_blocks(self,
				nec_sim_drive_bank(cdb),
				TRUE,
				nec_sim_drive_blocks(cdb),
				result);
}

static void
nec_sim_drive_erase_bank(NecSimDrive *self,
			 const guint8 *cdb,
			 NecSimDir dir,
			 guint8 *data,
			 gsize data_len,
			 NecSimResult *result)
{
	nec_sim_drive_do_erase_bank(self, nec_sim_drive_bank(cdb), result);
}

static void
nec_sim_drive_read_boot(NecSimDrive *self,
			const guint8 *cdb,
			NecSimDir dir,
			guint8 *data,
			gsize data_len,
			NecSimResult *result)
{
	static const guint8 tag[] = {'R', 'D', 'B', 'O', 'O', 'T', 0, 0, 0, 0};

	if (memcmp(cdb + 2, tag, sizeof(tag)) != 0 || dir != NEC_SIM_DIR_IN ||
	    data_len < NEC_SIM_FAMILY_BOOT_SIZE) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	memcpy(data, nec_sim_flash_get_data(self->flash), NEC_SIM_FAMILY_BOOT_SIZE);
	result->resid = data_len - NEC_SIM_FAMILY_BOOT_SIZE;
	nec_sim_drive_busy_transfer(self, NEC_SIM_FAMILY_BOOT_SIZE);
}

static const struct {
	guint8 opcode;
	guint8 subcmd;
	gboolean safe_mode_only;
	NecSimCommandFunc func;
} nec_sim_vendor_cmds[] = {
    {0xCC, 0x00, FALSE, nec_sim_drive_read_ram},
    {0xCC, 0x01, FALSE, nec_sim_drive_safe_mode},
    {0xCC, 0x04, TRUE, nec_sim_drive_send_checksum},
    {0xCB, 0x01, TRUE, nec_sim_drive_write_ram},
    {0xCB, 0x02, TRUE, nec_sim_drive_program},
    {0xCB, 0x04, TRUE, nec_sim_drive_erase},
    {0xCB, 0x08, TRUE, nec_sim_drive_erase_bank},
    {0xCD, 0x00, TRUE, nec_sim_drive_read_boot},
};

void
nec_sim_drive_execute_vendor(NecSimDrive *self,
			     const guint8 *cdb,
			     gsize cdb_len,
			     NecSimDir dir,
			     guint8 *data,
			     gsize data_len,
			     NecSimResult *result)
{
	guint8 subcmd = cdb[1] & ~NEC_SIM_CDB_BANK1;

	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_vendor_cmds); i++) {
		if (nec_sim_vendor_cmds[i].opcode != cdb[0] ||
		    nec_sim_vendor_cmds[i].subcmd != subcmd)
			continue;
		/* EraseBank exists on the 640K family only */
		if (nec_sim_vendor_cmds[i].func == nec_sim_drive_erase_bank &&
		    !nec_sim_drive_has_erase_bank(self))
			break;
		if (cdb_len < NEC_SIM_CDB_SIZE ||
		    !nec_sim_drive_has_bank(self, nec_sim_drive_bank(cdb)) ||
		    (cdb[0] == 0xCD && nec_sim_drive_bank(cdb) != 0)) {
			nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
			return;
		}
		if (nec_sim_vendor_cmds[i].safe_mode_only && !self->safe_mode) {
			nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
			return;
		}
		nec_sim_vendor_cmds[i].func(self, cdb, dir, data, data_len, result);
		return;
	}
	nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
}
