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

FuStructNecOddCdbReadRam *
fu_nec_odd_cdb_read_ram_new(guint32 address, gsize length, GError **error);
FuStructNecOddCdbSafeMode *
fu_nec_odd_cdb_safe_mode_new(FuNecOddSafeModeAction action, const gchar *key, GError **error);
FuStructNecOddCdbWriteRam *
fu_nec_odd_cdb_write_ram_new(guint32 address, gsize length, GError **error);
FuStructNecOddCdbSendChecksum *
fu_nec_odd_cdb_send_checksum_new(const FuNecOddFamily *family, guint16 checksum);
FuStructNecOddCdbBlock *
fu_nec_odd_cdb_block_new(const FuNecOddFamily *family,
			 FuNecOddBlockCmd cmd,
			 guint block,
			 GError **error);
