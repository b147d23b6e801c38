/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nec-sim-drive-private.h"
#include "nec-sim-sense.h"

#define NEC_SIM_CDB_SIZE	12
#define NEC_SIM_CDB_BANK1	0x10
#define NEC_SIM_READ_RAM_MAX	0x8000
#define NEC_SIM_PAGE_SIZE	0x1000
#define NEC_SIM_WRITE_RAM_PAGES 8
#define NEC_SIM_CHECKSUM_INDEX	0x20 /* 4 × index 8, the 1 MiB family */
/* Am29LV800B datasheet, typical and maximum: sector erase 0.7 s / 15 s, word program 11 / 360 µs */
#define NEC_SIM_ERASE_US	    700000
#define NEC_SIM_ERASE_MAX_US	    15000000
#define NEC_SIM_PROGRAM_WORD_US	    11
#define NEC_SIM_PROGRAM_WORD_MAX_US 360
#define NEC_SIM_SAFE_MODE_ENTER	    0x01
#define NEC_SIM_SAFE_MODE_LEAVE	    0x00
#define NEC_SIM_SAFE_MODE_TRAILER   0x01

static void
nec_sim_drive_read_ram(NecSimDrive *self,
		       const guint8 *cdb,
		       NecSimDir dir,
		       guint8 *data,
		       gsize data_len,
		       NecSimResult *result)
{
	const guint8 *flash = nec_sim_flash_get_data(self->flash);
	guint32 addr = nec_sim_read_be32(cdb + 2);
	gsize len = ((gsize)cdb[7] << 8) | cdb[8];
	gsize xfer = (len + 3) & ~(gsize)3;
	gboolean dump_tag = cdb[9] == 'R' && cdb[10] == 'D';

	/* any length works, not only powers of two: Binflash reads 48 bytes at 0x5F20 */
	if (len == 0 || len > NEC_SIM_READ_RAM_MAX) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (!dump_tag && (cdb[9] != 0 || cdb[10] != 0 || cdb[11] != 0)) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if ((guint64)addr + len > NEC_SIM_FLASH_SIZE) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
		return;
	}
	if (dir != NEC_SIM_DIR_IN || data_len < len) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	/* the fault option: the transfer breaks off, the rest of the buffer is not touched */
	if (self->short_read_ram && addr <= self->short_read_ram_addr &&
	    self->short_read_ram_addr < addr + xfer) {
		gsize sent = MIN(self->short_read_ram_addr - addr, data_len);
		memcpy(data, flash + addr, sent);
		result->resid = data_len - sent;
		result->note = "short";
		nec_sim_drive_busy_transfer(self, sent);
		return;
	}
	/* the drive sends a multiple of 4 bytes, past the end of the flash zeros; what
	 * does not fit the host's buffer is dropped, as libata drains an ATAPI overrun */
	memset(data, 0, MIN(xfer, data_len));
	memcpy(data, flash + addr, MIN(MIN(xfer, data_len), NEC_SIM_FLASH_SIZE - addr));
	result->resid = data_len - MIN(xfer, data_len);
	nec_sim_drive_busy_transfer(self, xfer);
}

static void
nec_sim_drive_safe_mode(NecSimDrive *self,
			const guint8 *cdb,
			NecSimDir dir,
			guint8 *data,
			gsize data_len,
			NecSimResult *result)
{
	const guint8 *key = nec_sim_flash_get_data(self->flash) + NEC_SIM_FLASH_HWID_ADDR;

	if ((cdb[2] != NEC_SIM_SAFE_MODE_ENTER && cdb[2] != NEC_SIM_SAFE_MODE_LEAVE) ||
	    cdb[8] != NEC_SIM_SAFE_MODE_TRAILER || memcmp(cdb + 4, key, 4) != 0) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (cdb[2] == NEC_SIM_SAFE_MODE_ENTER)
		nec_sim_drive_enter_safe_mode(self);
	else
		nec_sim_drive_leave_safe_mode(self);
}

static void
nec_sim_drive_write_ram(NecSimDrive *self,
			const guint8 *cdb,
			NecSimDir dir,
			guint8 *data,
			gsize data_len,
			NecSimResult *result)
{
	guint32 addr = nec_sim_read_be32(cdb + 2);
	gsize pages = cdb[8];
	gsize len = pages * NEC_SIM_PAGE_SIZE;

	if (pages == 0 || pages > NEC_SIM_WRITE_RAM_PAGES || cdb[9] != 0) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (addr % NEC_SIM_PAGE_SIZE != 0 || addr < NEC_SIM_FLASH_MAIN_ADDR ||
	    (guint64)addr + len > NEC_SIM_FLASH_SIZE) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
		return;
	}
	if (dir != NEC_SIM_DIR_OUT || data_len != len) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	memcpy(self->staging + addr - NEC_SIM_FLASH_MAIN_ADDR, data, len);
	self->checksum_accepted = FALSE;
	result->resid = 0;
	nec_sim_drive_busy_transfer(self, len);
}

/* erasing and programming need the staged body to match this checksum */
static void
nec_sim_drive_send_checksum(NecSimDrive *self,
			    const guint8 *cdb,
			    NecSimDir dir,
			    guint8 *data,
			    gsize data_len,
			    NecSimResult *result)
{
	guint16 sum = (guint16)((cdb[2] << 8) | cdb[3]);

	if (cdb[7] != 0 || cdb[8] != NEC_SIM_CHECKSUM_INDEX || cdb[9] != 0) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (sum != nec_sim_image_get_stored_checksum(self->staging) ||
	    sum != nec_sim_image_checksum(self->staging)) {
		self->checksum_accepted = FALSE;
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_PARAMETER);
		return;
	}
	self->checksum_accepted = TRUE;
}

/* the block bitmap of EraseBlock and ProgramBlock, checked */
static guint32
nec_sim_drive_parse_blocks(NecSimDrive *self, const guint8 *cdb, NecSimResult *result)
{
	guint64 mask = 0;

	for (guint i = 0; i < 7; i++)
		mask |= (guint64)cdb[8 - i] << (i * 8);
	if (mask == 0 || (mask >> NEC_SIM_FLASH_BLOCKS) != 0) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return 0;
	}
	if ((mask & ((1u << NEC_SIM_FLASH_MAIN_BLOCK) - 1)) != 0) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
		return 0;
	}
	if (!self->checksum_accepted) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
		return 0;
	}
	return (guint32)mask;
}

static void
nec_sim_drive_erase(NecSimDrive *self,
		    const guint8 *cdb,
		    NecSimDir dir,
		    guint8 *data,
		    gsize data_len,
		    NecSimResult *result)
{
	guint32 mask = nec_sim_drive_parse_blocks(self, cdb, result);

	if (mask == 0)
		return;
	for (guint b = 0; b < NEC_SIM_FLASH_BLOCKS; b++) {
		if ((mask & (1u << b)) == 0)
			continue;
		nec_sim_flash_erase_block(self->flash, b);
		nec_sim_drive_busy(self,
				   self->slow_flash ? NEC_SIM_ERASE_MAX_US : NEC_SIM_ERASE_US);
	}
	/* the fault option: a damaged chip or firmware that erases one block too many */
	if (self->erase_also && (mask & (1u << self->erase_also_block)) == 0) {
		nec_sim_flash_erase_block(self->flash, self->erase_also_block);
		nec_sim_drive_busy(self,
				   self->slow_flash ? NEC_SIM_ERASE_MAX_US : NEC_SIM_ERASE_US);
		result->note = "erase-also-block";
	}
	nec_sim_drive_flash_written(self, result);
}

static void
nec_sim_drive_program(NecSimDrive *self,
		      const guint8 *cdb,
		      NecSimDir dir,
		      guint8 *data,
		      gsize data_len,
		      NecSimResult *result)
{
	guint32 mask = nec_sim_drive_parse_blocks(self, cdb, result);

	if (mask == 0)
		return;
	/* NOR cannot set bits back to 1: refuse before touching anything */
	for (guint b = 0; b < NEC_SIM_FLASH_BLOCKS; b++) {
		if ((mask & (1u << b)) != 0 && !nec_sim_flash_block_is_erased(self->flash, b)) {
			nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
			return;
		}
	}
	for (guint b = 0; b < NEC_SIM_FLASH_BLOCKS; b++) {
		gsize addr = nec_sim_flash_block_addr(b);
		gsize size = nec_sim_flash_block_size(b);
		if ((mask & (1u << b)) == 0)
			continue;
		nec_sim_flash_program_block(self->flash,
					    b,
					    self->staging + addr - NEC_SIM_FLASH_MAIN_ADDR);
		nec_sim_drive_busy(
		    self,
		    (self->slow_flash ? NEC_SIM_PROGRAM_WORD_MAX_US : NEC_SIM_PROGRAM_WORD_US) *
			(size / 2));
	}
	nec_sim_drive_flash_written(self, result);
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
	    data_len < NEC_SIM_FLASH_BOOT_SIZE) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	memcpy(data,
	       nec_sim_flash_get_data(self->flash) + NEC_SIM_FLASH_BOOT_ADDR,
	       NEC_SIM_FLASH_BOOT_SIZE);
	result->resid = data_len - NEC_SIM_FLASH_BOOT_SIZE;
	nec_sim_drive_busy_transfer(self, NEC_SIM_FLASH_BOOT_SIZE);
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
		if (cdb_len < NEC_SIM_CDB_SIZE || (cdb[1] & NEC_SIM_CDB_BANK1) != 0) {
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
