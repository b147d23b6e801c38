/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-cdb.h"

/* CDB byte 1: the sub-command, plus the bank bit on the second chip */
static gboolean
fu_nec_odd_cdb_subcmd(guint8 bank, guint8 subcmd, guint8 *value, GError **error)
{
	if (bank > 1) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "bank %u does not exist, expected 0 or 1",
			    bank);
		return FALSE;
	}
	*value = subcmd | (bank == 1 ? FU_NEC_ODD_CDB_BANK_BANK1 : FU_NEC_ODD_CDB_BANK_BANK0);
	return TRUE;
}

FuStructNecOddCdbReadRam *
fu_nec_odd_cdb_read_ram_new(guint8 bank,
			    guint32 address,
			    gsize length,
			    const guint8 *dump_id,
			    GError **error)
{
	guint8 subcmd = 0;
	g_autoptr(FuStructNecOddCdbReadRam) st = fu_struct_nec_odd_cdb_read_ram_new();

	/* any length works, Binflash sends 1, 4, 0x20, 0x30, 0x80 and 0x1000 */
	if (length == 0 || length > FU_NEC_ODD_CDB_READ_MAX) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "cannot read 0x%x bytes at once, expected 1 to 0x%x",
			    (guint)length,
			    (guint)FU_NEC_ODD_CDB_READ_MAX);
		return NULL;
	}
	if (!fu_nec_odd_cdb_subcmd(bank,
				   fu_struct_nec_odd_cdb_read_ram_get_subcmd(st),
				   &subcmd,
				   error))
		return NULL;
	fu_struct_nec_odd_cdb_read_ram_set_subcmd(st, subcmd);
	fu_struct_nec_odd_cdb_read_ram_set_address(st, address);
	fu_struct_nec_odd_cdb_read_ram_set_length(st, length);
	if (dump_id != NULL) {
		const guint8 tag[] = {'R', 'D', *dump_id};
		if (!fu_struct_nec_odd_cdb_read_ram_set_tag(st, tag, sizeof(tag), error))
			return NULL;
	}
	return g_steal_pointer(&st);
}

FuStructNecOddCdbSafeMode *
fu_nec_odd_cdb_safe_mode_new(guint8 bank,
			     FuNecOddSafeModeAction action,
			     const gchar *key,
			     GError **error)
{
	guint8 subcmd = 0;
	g_autoptr(FuStructNecOddCdbSafeMode) st = fu_struct_nec_odd_cdb_safe_mode_new();

	if (key == NULL || strlen(key) != FU_STRUCT_NEC_ODD_CDB_SAFE_MODE_SIZE_KEY) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "safe-mode key '%s' is not %u characters long",
			    key != NULL ? key : "",
			    (guint)FU_STRUCT_NEC_ODD_CDB_SAFE_MODE_SIZE_KEY);
		return NULL;
	}
	if (!fu_nec_odd_cdb_subcmd(bank,
				   fu_struct_nec_odd_cdb_safe_mode_get_subcmd(st),
				   &subcmd,
				   error))
		return NULL;
	fu_struct_nec_odd_cdb_safe_mode_set_subcmd(st, subcmd);
	fu_struct_nec_odd_cdb_safe_mode_set_action(st, action);
	if (!fu_struct_nec_odd_cdb_safe_mode_set_key(st, key, error))
		return NULL;
	return g_steal_pointer(&st);
}

FuStructNecOddCdbWriteRam *
fu_nec_odd_cdb_write_ram_new(guint8 bank, guint32 address, gsize length, GError **error)
{
	guint8 subcmd = 0;
	g_autoptr(FuStructNecOddCdbWriteRam) st = fu_struct_nec_odd_cdb_write_ram_new();

	if (length == 0 || length % FU_NEC_ODD_CDB_PAGE_SIZE != 0 ||
	    length / FU_NEC_ODD_CDB_PAGE_SIZE > FU_NEC_ODD_CDB_PAGES_MAX) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "cannot stage 0x%x bytes at once",
			    (guint)length);
		return NULL;
	}
	if (address % FU_NEC_ODD_CDB_PAGE_SIZE != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "cannot stage at 0x%x, not a 4 KiB page",
			    (guint)address);
		return NULL;
	}
	if (!fu_nec_odd_cdb_subcmd(bank,
				   fu_struct_nec_odd_cdb_write_ram_get_subcmd(st),
				   &subcmd,
				   error))
		return NULL;
	fu_struct_nec_odd_cdb_write_ram_set_subcmd(st, subcmd);
	fu_struct_nec_odd_cdb_write_ram_set_address(st, address);
	fu_struct_nec_odd_cdb_write_ram_set_pages(st, length / FU_NEC_ODD_CDB_PAGE_SIZE);
	return g_steal_pointer(&st);
}

FuStructNecOddCdbSendChecksum *
fu_nec_odd_cdb_send_checksum_new(guint8 bank, guint8 index, guint16 checksum, GError **error)
{
	guint8 subcmd = 0;
	g_autoptr(FuStructNecOddCdbSendChecksum) st = fu_struct_nec_odd_cdb_send_checksum_new();

	/* CDB byte 8 is four times the index */
	if (index > G_MAXUINT8 / 4) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "checksum index %u does not fit the CDB",
			    index);
		return NULL;
	}
	if (!fu_nec_odd_cdb_subcmd(bank,
				   fu_struct_nec_odd_cdb_send_checksum_get_subcmd(st),
				   &subcmd,
				   error))
		return NULL;
	fu_struct_nec_odd_cdb_send_checksum_set_subcmd(st, subcmd);
	fu_struct_nec_odd_cdb_send_checksum_set_checksum(st, checksum);
	fu_struct_nec_odd_cdb_send_checksum_set_index(st, index * 4);
	return g_steal_pointer(&st);
}

static gboolean
fu_nec_odd_cdb_block_list_contains(const guint8 *blocks, guint n_blocks, guint block)
{
	for (guint i = 0; i < n_blocks; i++) {
		if (blocks[i] == block)
			return TRUE;
	}
	return FALSE;
}

/* the only way an erase or program command is made: it names one block of the
 * area's own list, never one that holds bootcode or settings */
FuStructNecOddCdbBlock *
fu_nec_odd_cdb_block_new(const FuNecOddFamily *family,
			 const FuNecOddArea *area,
			 FuNecOddBlockCmd cmd,
			 guint block,
			 GError **error)
{
	const FuNecOddBlock *map;
	const guint8 *blocks = NULL;
	guint n_blocks = 0;
	guint8 bitmap[FU_STRUCT_NEC_ODD_CDB_BLOCK_SIZE_BITMAP] = {0};
	guint8 subcmd = 0;
	g_autoptr(FuStructNecOddCdbBlock) st = fu_struct_nec_odd_cdb_block_new();

	if (cmd == FU_NEC_ODD_BLOCK_CMD_ERASE) {
		blocks = area->erase_blocks;
		n_blocks = area->n_erase_blocks;
	} else if (cmd == FU_NEC_ODD_BLOCK_CMD_PROGRAM) {
		blocks = area->program_blocks;
		n_blocks = area->n_program_blocks;
	} else {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "block command 0x%02x is neither erase nor program",
			    (guint)cmd);
		return NULL;
	}

	/* bootcode and settings: bank 0 below the family's first area */
	map = fu_nec_odd_family_lookup_block(family, area->bank, block);
	if (map != NULL && map->bank == 0 &&
	    map->addr < fu_nec_odd_family_get_protected_size(family)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_PERMISSION_DENIED,
			    "block %u holds the bootcode or settings of the %s family "
			    "and is never erased or programmed",
			    block,
			    family->name);
		return NULL;
	}
	if (map == NULL || !fu_nec_odd_cdb_block_list_contains(blocks, n_blocks, block) ||
	    block / 8 >= sizeof(bitmap)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_PERMISSION_DENIED,
			    "block %u of bank %u is not in the %s list of the %s family's "
			    "firmware area at 0x%x",
			    block,
			    area->bank,
			    fu_nec_odd_block_cmd_to_string(cmd),
			    family->name,
			    (guint)area->flash_addr);
		return NULL;
	}
	if (!fu_nec_odd_cdb_subcmd(area->bank, cmd, &subcmd, error))
		return NULL;
	bitmap[sizeof(bitmap) - 1 - block / 8] = 1u << (block % 8);
	fu_struct_nec_odd_cdb_block_set_subcmd(st, subcmd);
	if (!fu_struct_nec_odd_cdb_block_set_bitmap(st, bitmap, sizeof(bitmap), error))
		return NULL;
	return g_steal_pointer(&st);
}

/* only for an area that Binflash erases as a whole bank (640K bank 1) */
FuStructNecOddCdbEraseBank *
fu_nec_odd_cdb_erase_bank_new(const FuNecOddArea *area, GError **error)
{
	guint8 subcmd = 0;
	g_autoptr(FuStructNecOddCdbEraseBank) st = fu_struct_nec_odd_cdb_erase_bank_new();

	if (!area->erase_whole_bank) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_PERMISSION_DENIED,
			    "bank %u is erased block by block, never as a whole",
			    area->bank);
		return NULL;
	}
	if (!fu_nec_odd_cdb_subcmd(area->bank,
				   fu_struct_nec_odd_cdb_erase_bank_get_subcmd(st),
				   &subcmd,
				   error))
		return NULL;
	fu_struct_nec_odd_cdb_erase_bank_set_subcmd(st, subcmd);
	return g_steal_pointer(&st);
}
