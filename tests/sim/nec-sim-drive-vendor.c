/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nec-sim-drive-private.h"
#include "nec-sim-sense.h"

/* the bank bit selects the chip: bank 1 exists on the 640K family only */
static guint8
nec_sim_drive_bank(const NecSimCommand *cmd)
{
	return cmd->bank1 ? 1 : 0;
}

void
nec_sim_drive_read_ram(NecSimDrive *self, NecSimCommand *cmd)
{
	nec_sim_drive_do_read_ram(self,
				  nec_sim_drive_bank(cmd),
				  cmd->addr,
				  cmd->len,
				  cmd->id,
				  cmd->dir,
				  cmd->data,
				  cmd->data_len,
				  cmd->result);
}

void
nec_sim_drive_safe_mode(NecSimDrive *self, NecSimCommand *cmd)
{
	nec_sim_drive_do_safe_mode(self, cmd->mode, cmd->key, cmd->cdb[8], cmd->result);
}

void
nec_sim_drive_write_ram(NecSimDrive *self, NecSimCommand *cmd)
{
	nec_sim_drive_do_write_ram(self,
				   nec_sim_drive_bank(cmd),
				   cmd->addr,
				   cmd->pages,
				   cmd->cdb[9],
				   cmd->dir,
				   cmd->data,
				   cmd->data_len,
				   cmd->result);
}

void
nec_sim_drive_send_checksum(NecSimDrive *self, NecSimCommand *cmd)
{
	nec_sim_drive_do_send_checksum(self,
				       nec_sim_drive_bank(cmd),
				       cmd->word,
				       cmd->cdb[7],
				       cmd->index_byte,
				       cmd->cdb[9],
				       cmd->result);
}

void
nec_sim_drive_erase(NecSimDrive *self, NecSimCommand *cmd)
{
	nec_sim_drive_do_blocks(self, nec_sim_drive_bank(cmd), FALSE, cmd->blocks, cmd->result);
}

void
nec_sim_drive_program(NecSimDrive *self, NecSimCommand *cmd)
{
	nec_sim_drive_do_blocks(self, nec_sim_drive_bank(cmd), TRUE, cmd->blocks, cmd->result);
}

/* only "supported on 1300/5500 series", Binflash says: elsewhere an unknown sub-command */
void
nec_sim_drive_erase_bank(NecSimDrive *self, NecSimCommand *cmd)
{
	if (!nec_sim_drive_has_erase_bank(self)) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
		return;
	}
	nec_sim_drive_do_erase_bank(self, nec_sim_drive_bank(cmd), cmd->result);
}

void
nec_sim_drive_read_boot(NecSimDrive *self, NecSimCommand *cmd)
{
	static const guint8 tag[] = {'R', 'D', 'B', 'O', 'O', 'T', 0, 0, 0, 0};

	if (memcmp(cmd->cdb + 2, tag, sizeof(tag)) != 0 || cmd->dir != NEC_SIM_DIR_IN ||
	    cmd->data_len < NEC_SIM_FAMILY_BOOT_SIZE || cmd->bank1) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	memcpy(cmd->data, nec_sim_flash_get_data(self->flash), NEC_SIM_FAMILY_BOOT_SIZE);
	cmd->result->resid = cmd->data_len - NEC_SIM_FAMILY_BOOT_SIZE;
	nec_sim_drive_busy_transfer(self, NEC_SIM_FAMILY_BOOT_SIZE);
}
