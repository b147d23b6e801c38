/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "fu-nec-odd-family.h"
#include "fu-nec-odd-struct.h"

/* the largest ReadRAM and WriteRAM transfers the protocol allows */
#define FU_NEC_ODD_CDB_READ_MAX	 0x8000
#define FU_NEC_ODD_CDB_PAGE_SIZE 0x1000
#define FU_NEC_ODD_CDB_PAGES_MAX 8

/* @dump_id: NULL, or the one-byte firmware ID a dump-needs-id drive wants in
 * safe mode (sent as bytes 9..11 = 'R' 'D' id) */
FuStructNecOddCdbReadRam *
fu_nec_odd_cdb_read_ram_new(guint8 bank,
			    guint32 address,
			    gsize length,
			    const guint8 *dump_id,
			    GError **error);
FuStructNecOddCdbSafeMode *
fu_nec_odd_cdb_safe_mode_new(guint8 bank,
			     FuNecOddSafeModeAction action,
			     const gchar *key,
			     GError **error);
FuStructNecOddCdbWriteRam *
fu_nec_odd_cdb_write_ram_new(guint8 bank, guint32 address, gsize length, GError **error);
FuStructNecOddCdbSendChecksum *
fu_nec_odd_cdb_send_checksum_new(guint8 bank, guint8 index, guint16 checksum, GError **error);
FuStructNecOddCdbBlock *
fu_nec_odd_cdb_block_new(const FuNecOddFamily *family,
			 const FuNecOddArea *area,
			 FuNecOddBlockCmd cmd,
			 guint block,
			 GError **error);
FuStructNecOddCdbEraseBank *
fu_nec_odd_cdb_erase_bank_new(const FuNecOddArea *area, GError **error);
