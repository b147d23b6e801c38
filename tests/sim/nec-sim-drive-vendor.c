/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nec-sim-drive-private.h"
#include "nec-sim-sense.h"

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

void
nec_sim_drive_read_ram(NecSimDrive *self, NecSimCommand *cmd)
{
	const guint8 *flash = nec_sim_flash_get_data(self->flash);
	NecSimResult *result = cmd->result;
	guint8 *data = cmd->data;
	gsize data_len = cmd->data_len;
	guint32 addr = cmd->addr;
	gsize len = cmd->len;
	gsize xfer = (len + 3) & ~(gsize)3;
	gboolean dump_tag = cmd->id[0] == 'R' && cmd->id[1] == 'D';

	/* any length works, not only powers of two: Binflash reads 48 bytes at 0x5F20 */
	if (len == 0 || len > NEC_SIM_READ_RAM_MAX) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (!dump_tag && (cmd->id[0] != 0 || cmd->id[1] != 0 || cmd->id[2] != 0)) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if ((guint64)addr + len > NEC_SIM_FLASH_SIZE) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
		return;
	}
	if (cmd->dir != NEC_SIM_DIR_IN || data_len < len) {
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

void
nec_sim_drive_safe_mode(NecSimDrive *self, NecSimCommand *cmd)
{
	const guint8 *key = nec_sim_flash_get_data(self->flash) + NEC_SIM_FLASH_HWID_ADDR;

	if ((cmd->mode != NEC_SIM_SAFE_MODE_ENTER && cmd->mode != NEC_SIM_SAFE_MODE_LEAVE) ||
	    cmd->cdb[8] != NEC_SIM_SAFE_MODE_TRAILER || memcmp(cmd->key, key, 4) != 0) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (cmd->mode == NEC_SIM_SAFE_MODE_ENTER)
		nec_sim_drive_enter_safe_mode(self);
	else
		nec_sim_drive_leave_safe_mode(self);
}

void
nec_sim_drive_write_ram(NecSimDrive *self, NecSimCommand *cmd)
{
	NecSimResult *result = cmd->result;
	guint32 addr = cmd->addr;
	gsize len = cmd->len;

	if (cmd->pages == 0 || cmd->pages > NEC_SIM_WRITE_RAM_PAGES || cmd->cdb[9] != 0) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (addr % NEC_SIM_PAGE_SIZE != 0 || addr < NEC_SIM_FLASH_MAIN_ADDR ||
	    (guint64)addr + len > NEC_SIM_FLASH_SIZE) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
		return;
	}
	if (cmd->dir != NEC_SIM_DIR_OUT || cmd->data_len != len) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	memcpy(self->staging + addr - NEC_SIM_FLASH_MAIN_ADDR, cmd->data, len);
	self->checksum_accepted = FALSE;
	result->resid = 0;
	nec_sim_drive_busy_transfer(self, len);
}

/* erasing and programming need the staged body to match this checksum */
void
nec_sim_drive_send_checksum(NecSimDrive *self, NecSimCommand *cmd)
{
	NecSimResult *result = cmd->result;
	guint16 sum = cmd->word;

	if (cmd->cdb[7] != 0 || cmd->index_byte != NEC_SIM_CHECKSUM_INDEX || cmd->cdb[9] != 0) {
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
nec_sim_drive_parse_blocks(NecSimDrive *self, NecSimCommand *cmd)
{
	NecSimResult *result = cmd->result;
	guint64 mask = cmd->blocks;

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

void
nec_sim_drive_erase(NecSimDrive *self, NecSimCommand *cmd)
{
	NecSimResult *result = cmd->result;
	guint32 mask = nec_sim_drive_parse_blocks(self, cmd);

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

void
nec_sim_drive_program(NecSimDrive *self, NecSimCommand *cmd)
{
	NecSimResult *result = cmd->result;
	guint32 mask = nec_sim_drive_parse_blocks(self, cmd);

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

void
nec_sim_drive_read_boot(NecSimDrive *self, NecSimCommand *cmd)
{
	static const guint8 tag[] = {'R', 'D', 'B', 'O', 'O', 'T', 0, 0, 0, 0};

	if (memcmp(cmd->cdb + 2, tag, sizeof(tag)) != 0 || cmd->dir != NEC_SIM_DIR_IN ||
	    cmd->data_len < NEC_SIM_FLASH_BOOT_SIZE) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	memcpy(cmd->data,
	       nec_sim_flash_get_data(self->flash) + NEC_SIM_FLASH_BOOT_ADDR,
	       NEC_SIM_FLASH_BOOT_SIZE);
	cmd->result->resid = cmd->data_len - NEC_SIM_FLASH_BOOT_SIZE;
	nec_sim_drive_busy_transfer(self, NEC_SIM_FLASH_BOOT_SIZE);
}
