/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

typedef enum {
	FU_NEC_ODD_SG_DIR_NONE,
	FU_NEC_ODD_SG_DIR_IN,
	FU_NEC_ODD_SG_DIR_OUT,
} FuNecOddSgDir;

gboolean
fu_nec_odd_sg_io(FuUdevDevice *device,
		 const guint8 *cdb,
		 gsize cdbsz,
		 FuNecOddSgDir dir,
		 guint8 *buf,
		 gsize bufsz,
		 guint timeout_ms,
		 GError **error) G_GNUC_NON_NULL(1, 2);
