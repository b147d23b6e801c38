/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-cdb.h"

FuStructNecOddCdbReadRam *
fu_nec_odd_cdb_read_ram_new(guint32 address, gsize length, GError **error)
{
	g_autoptr(FuStructNecOddCdbReadRam) st = fu_struct_nec_odd_cdb_read_ram_new();

	/* the drive only takes powers of two */
	if (length == 0 || length > FU_NEC_ODD_CDB_READ_MAX || (length & (length - 1)) != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "cannot read 0x%x bytes at once",
			    (guint)length);
		return NULL;
	}
	fu_struct_nec_odd_cdb_read_ram_set_address(st, address);
	fu_struct_nec_odd_cdb_read_ram_set_length(st, length);
	return g_steal_pointer(&st);
}

FuStructNecOddCdbSafeMode *
fu_nec_odd_cdb_safe_mode_new(FuNecOddSafeModeAction action, const gchar *key, GError **error)
{
	g_autoptr(FuStructNecOddCdbSafeMode) st = fu_struct_nec_odd_cdb_safe_mode_new();
	fu_struct_nec_odd_cdb_safe_mode_set_action(st, action);
	if (!fu_struct_nec_odd_cdb_safe_mode_set_key(st, key, error))
		return NULL;
	return g_steal_pointer(&st);
}

FuStructNecOddCdbWriteRam *
fu_nec_odd_cdb_write_ram_new(guint32 address, gsize length, GError **error)
{
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
	fu_struct_nec_odd_cdb_write_ram_set_address(st, address);
	fu_struct_nec_odd_cdb_write_ram_set_pages(st, length / FU_NEC_ODD_CDB_PAGE_SIZE);
	return g_steal_pointer(&st);
}

FuStructNecOddCdbSendChecksum *
fu_nec_odd_cdb_send_checksum_new(const FuNecOddFamily *family, guint16 checksum)
{
	g_autoptr(FuStructNecOddCdbSendChecksum) st = fu_struct_nec_odd_cdb_send_checksum_new();
	fu_struct_nec_odd_cdb_send_checksum_set_checksum(st, checksum);
	fu_struct_nec_odd_cdb_send_checksum_set_index(st, family->checksum_index * 4);
	return g_steal_pointer(&st);
}

/* the only way an erase or program command is made: bootcode and
 * calibration blocks can never be selected */
FuStructNecOddCdbBlock *
fu_nec_odd_cdb_block_new(const FuNecOddFamily *family,
			 FuNecOddBlockCmd cmd,
			 guint block,
			 GError **error)
{
	guint8 bitmap[7] = {0};
	g_autoptr(FuStructNecOddCdbBlock) st = fu_struct_nec_odd_cdb_block_new();

	if (block < family->protected_blocks) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_PERMISSION_DENIED,
			    "block %u holds the bootcode or calibration and is never erased",
			    block);
		return NULL;
	}
	if (block < family->first_block || block > family->last_block ||
	    block / 8 >= sizeof(bitmap)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "block %u is outside the firmware area",
			    block);
		return NULL;
	}
	bitmap[sizeof(bitmap) - 1 - block / 8] = 1u << (block % 8);
	fu_struct_nec_odd_cdb_block_set_subcmd(st, cmd);
	if (!fu_struct_nec_odd_cdb_block_set_bitmap(st, bitmap, sizeof(bitmap), error))
		return NULL;
	return g_steal_pointer(&st);
}
