/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nec-sim-drive-private.h"
#include "nec-sim-sense.h"

/*
 * What the vendor flash commands do on each family, from the decoded CDB
 * fields: the rules of families.md section 10 and README.md. The command
 * handlers in nec-sim-drive-vendor.c only decode and call these.
 */

#define NEC_SIM_READ_RAM_MAX	0x8000
#define NEC_SIM_WRITE_RAM_PAGES 8
/* Am29LV800B datasheet, typical and maximum: sector erase 0.7 s / 15 s, word program 11 / 360 µs */
#define NEC_SIM_ERASE_US	    700000
#define NEC_SIM_ERASE_MAX_US	    15000000
#define NEC_SIM_PROGRAM_WORD_US	    11
#define NEC_SIM_PROGRAM_WORD_MAX_US 360
#define NEC_SIM_SAFE_MODE_ENTER	    0x01
#define NEC_SIM_SAFE_MODE_LEAVE	    0x00
#define NEC_SIM_SAFE_MODE_TRAILER   0x01
/* the dump id's normal-mode read: Binflash asks for 1 byte, the drive sends 4 */
#define NEC_SIM_DUMP_ID_READ_MAX 4

gboolean
nec_sim_drive_has_bank(NecSimDrive *self, guint8 bank)
{
	for (guint i = 0; i < self->family->n_regions; i++) {
		if (self->family->regions[i].bank == bank)
			return TRUE;
	}
	return FALSE;
}

gboolean
nec_sim_drive_has_erase_bank(NecSimDrive *self)
{
	for (guint i = 0; i < self->family->n_areas; i++) {
		if (self->family->areas[i].erase_bank)
			return TRUE;
	}
	return FALSE;
}

/* entering safe mode or a reset: staged data and accepted checksums are gone */
void
nec_sim_drive_clear_staging(NecSimDrive *self)
{
	for (guint i = 0; i < self->family->n_areas; i++) {
		memset(self->staging[i], 0xFF, self->family->areas[i].size);
		for (guint j = 0; j < NEC_SIM_FAMILY_SUMS_MAX; j++)
			self->sum_accepted[i][j] = FALSE;
	}
}

static guint
nec_sim_drive_area_index(NecSimDrive *self, const NecSimArea *area)
{
	return (guint)(area - self->family->areas);
}

static gboolean
nec_sim_drive_area_accepted(NecSimDrive *self, const NecSimArea *area)
{
	guint idx = nec_sim_drive_area_index(self, area);
	for (guint j = 0; j < area->n_sums; j++) {
		if (!self->sum_accepted[idx][j])
			return FALSE;
	}
	return TRUE;
}

/* K370, K371, K470, K471: reads of the body need 'R' 'D' id (families.md 10.8);
 * the id is the bootcode's (Binflash's findbootkey searches a drive for it), so
 * an erased body does not change it */
static gboolean
nec_sim_drive_dump_id_allows(NecSimDrive *self,
			     guint8 bank,
			     guint32 addr,
			     gsize len,
			     const guint8 *id)
{
	guint32 id_addr = self->family->dump_id_addr;

	if (!self->model->dump_needs_id || id_addr == 0 || bank != 0 || addr + len <= id_addr)
		return TRUE;
	if (id[0] == 'R' && id[1] == 'D')
		return id[2] == self->model->dump_id;
	/* what Binflash's GetIDFromDriveType reads in normal mode */
	return !self->safe_mode && addr == id_addr && len <= NEC_SIM_DUMP_ID_READ_MAX;
}

void
nec_sim_drive_do_read_ram(NecSimDrive *self,
			  guint8 bank,
			  guint32 addr,
			  gsize len,
			  const guint8 *id,
			  NecSimDir dir,
			  guint8 *data,
			  gsize data_len,
			  NecSimResult *result)
{
	gsize xfer = (len + 3) & ~(gsize)3;
	gsize avail = 0;
	gsize sent;
	gboolean dump_tag = id[0] == 'R' && id[1] == 'D';
	const guint8 *src;

	/* any length works, not only powers of two: Binflash reads 48 bytes at 0x5F20 */
	if (len == 0 || len > NEC_SIM_READ_RAM_MAX) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (!dump_tag && (id[0] != 0 || id[1] != 0 || id[2] != 0)) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	/* outside the chip (Binflash's IdentifyNewDrive probes every 4 KiB), or past its end */
	src = nec_sim_flash_locate(self->flash, bank, addr, &avail);
	if (src == NULL || len > avail) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
		return;
	}
	if (dir != NEC_SIM_DIR_IN || data_len < len) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (!nec_sim_drive_dump_id_allows(self, bank, addr, len, id)) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	/* the fault option: the transfer breaks off, the rest of the buffer is not touched */
	if (self->short_read_ram && addr <= self->short_read_ram_addr &&
	    self->short_read_ram_addr < addr + xfer) {
		sent = MIN(MIN(self->short_read_ram_addr - addr, data_len), avail);
		memcpy(data, src, sent);
		result->resid = data_len - sent;
		result->note = "short";
		nec_sim_drive_busy_transfer(self, sent);
		return;
	}
	/* the drive sends a multiple of 4 bytes, past the end of the chip zeros; what
	 * does not fit the host's buffer is dropped, as libata drains an ATAPI overrun */
	sent = MIN(xfer, data_len);
	memset(data, 0, sent);
	memcpy(data, src, MIN(sent, avail));
	result->resid = data_len - sent;
	nec_sim_drive_busy_transfer(self, xfer);
}

/* the bootcode takes its type's canonical key only (and the test hook's) */
void
nec_sim_drive_do_safe_mode(NecSimDrive *self,
			   guint8 mode,
			   const guint8 *key,
			   guint8 trailer,
			   NecSimResult *result)
{
	gboolean key_ok = memcmp(key, self->model->key, 4) == 0 ||
			  (self->accept_key != NULL && memcmp(key, self->accept_key, 4) == 0);

	if ((mode != NEC_SIM_SAFE_MODE_ENTER && mode != NEC_SIM_SAFE_MODE_LEAVE) ||
	    trailer != NEC_SIM_SAFE_MODE_TRAILER || !key_ok) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (mode == NEC_SIM_SAFE_MODE_ENTER)
		nec_sim_drive_enter_safe_mode(self);
	else
		nec_sim_drive_leave_safe_mode(self);
}

void
nec_sim_drive_do_write_ram(NecSimDrive *self,
			   guint8 bank,
			   guint32 addr,
			   guint8 pages,
			   guint8 area_byte,
			   NecSimDir dir,
			   guint8 *data,
			   gsize data_len,
			   NecSimResult *result)
{
	gsize len = (gsize)pages * NEC_SIM_FAMILY_PAGE_SIZE;
	const NecSimArea *area;
	guint idx;

	if (pages == 0 || pages > NEC_SIM_WRITE_RAM_PAGES || area_byte != 0) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	/* any page-aligned run inside the bank's staging area, not only Binflash's split */
	area = nec_sim_family_find_area_by_addr(self->family, bank, addr);
	if (area == NULL || addr % NEC_SIM_FAMILY_PAGE_SIZE != 0 ||
	    (guint64)addr + len > (guint64)area->flash_addr + area->size) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
		return;
	}
	if (dir != NEC_SIM_DIR_OUT || data_len != len) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	idx = nec_sim_drive_area_index(self, area);
	memcpy(self->staging[idx] + addr - area->flash_addr, data, len);
	for (guint j = 0; j < NEC_SIM_FAMILY_SUMS_MAX; j++)
		self->sum_accepted[idx][j] = FALSE;
	result->resid = 0;
	nec_sim_drive_busy_transfer(self, len);
}

/* erasing and programming need every part of the bank's staged body to match */
void
nec_sim_drive_do_send_checksum(NecSimDrive *self,
			       guint8 bank,
			       guint16 word,
			       guint8 board_byte,
			       guint8 index_byte,
			       guint8 area_byte,
			       NecSimResult *result)
{
	const NecSimArea *area = nec_sim_family_find_area(self->family, bank);
	const NecSimChecksum *sum = NULL;
	const guint8 *staged;
	guint idx;
	guint j;

	if (board_byte != 0 || area_byte != 0 || index_byte % 4 != 0 || area == NULL) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	/* another family's index: refused, as the plugin would fail on hardware */
	for (j = 0; j < area->n_sums; j++) {
		if (area->sums[j].index == index_byte / 4) {
			sum = &area->sums[j];
			break;
		}
	}
	if (sum == NULL) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	idx = nec_sim_drive_area_index(self, area);
	staged = self->staging[idx];
	if (word != nec_sim_family_sum_words(staged + sum->start, sum->word - sum->start) ||
	    (!self->family->sum_appended &&
	     word != (guint16)((staged[sum->word] << 8) | staged[sum->word + 1]))) {
		self->sum_accepted[idx][j] = FALSE;
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_PARAMETER);
		return;
	}
	self->sum_accepted[idx][j] = TRUE;
}

static void
nec_sim_drive_erase_one(NecSimDrive *self, const NecSimBlock *block)
{
	nec_sim_flash_erase_block(self->flash, block);
	nec_sim_drive_busy(self, self->slow_flash ? NEC_SIM_ERASE_MAX_US : NEC_SIM_ERASE_US);
}

/* the fault option: a damaged chip or firmware that erases one block too many */
static void
nec_sim_drive_erase_also(NecSimDrive *self, guint8 bank, guint64 mask, NecSimResult *result)
{
	const NecSimBlock *block;

	if (!self->erase_also || (mask & ((guint64)1 << self->erase_also_block)) != 0)
		return;
	block = nec_sim_family_find_block(self->family, bank, self->erase_also_block);
	if (block == NULL)
		return;
	nec_sim_drive_erase_one(self, block);
	result->note = "erase-also-block";
}

void
nec_sim_drive_do_blocks(NecSimDrive *self,
			guint8 bank,
			gboolean program,
			guint64 mask,
			NecSimResult *result)
{
	const NecSimArea *area = nec_sim_family_find_area(self->family, bank);
	const NecSimBlock *blocks[64] = {NULL};
	guint n_blocks = 0;

	/* well-formed: at least one block, each one the bank has */
	for (guint b = 0; b < 64; b++) {
		if ((mask & ((guint64)1 << b)) == 0)
			continue;
		blocks[n_blocks] = nec_sim_family_find_block(self->family, bank, b);
		if (blocks[n_blocks] == NULL) {
			nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
			return;
		}
		n_blocks++;
	}
	if (n_blocks == 0 || area == NULL) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	for (guint i = 0; i < n_blocks; i++) {
		if (blocks[i]->protected) {
			nec_sim_sense_set(result, NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
			return;
		}
	}
	/* a block that exists but is not on the family's list: 2M block 3, 34 programmed */
	for (guint i = 0; i < n_blocks; i++) {
		if (!nec_sim_family_block_in_list(program ? area->program : area->erase,
						  program ? area->n_program : area->n_erase,
						  blocks[i]->number)) {
			nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
			return;
		}
	}
	if (!nec_sim_drive_area_accepted(self, area)) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
		return;
	}
	if (!program) {
		for (guint i = 0; i < n_blocks; i++)
			nec_sim_drive_erase_one(self, blocks[i]);
		nec_sim_drive_erase_also(self, bank, mask, result);
		nec_sim_drive_flash_written(self, result);
		return;
	}
	/* NOR cannot set bits back to 1: refuse before touching anything */
	for (guint i = 0; i < n_blocks; i++) {
		if (!nec_sim_flash_block_is_erased(self->flash, blocks[i])) {
			nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
			return;
		}
	}
	for (guint i = 0; i < n_blocks; i++) {
		const guint8 *src = self->staging[nec_sim_drive_area_index(self, area)] +
				    (blocks[i]->addr - area->flash_addr);
		nec_sim_flash_program_block(self->flash, blocks[i], src);
		if (self->family->n_areas > 1)
			self->bank1_pending = bank == 0;
		nec_sim_drive_busy(
		    self,
		    (self->slow_flash ? NEC_SIM_PROGRAM_WORD_MAX_US : NEC_SIM_PROGRAM_WORD_US) *
			(blocks[i]->size / 2));
	}
	nec_sim_drive_flash_written(self, result);
}

/* 640K bank 1: the whole bank at once, after its checksum (families.md 10.7) */
void
nec_sim_drive_do_erase_bank(NecSimDrive *self, guint8 bank, NecSimResult *result)
{
	const NecSimArea *area = nec_sim_family_find_area(self->family, bank);

	if (area == NULL || !area->erase_bank) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (!nec_sim_drive_area_accepted(self, area)) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
		return;
	}
	for (guint i = 0; i < self->family->n_blocks; i++) {
		if (self->family->blocks[i].bank == bank)
			nec_sim_drive_erase_one(self, &self->family->blocks[i]);
	}
	nec_sim_drive_flash_written(self, result);
}
