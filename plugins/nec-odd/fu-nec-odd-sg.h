/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

#include "fu-nec-odd-struct.h"

typedef enum {
	FU_NEC_ODD_SG_DIR_NONE,
	FU_NEC_ODD_SG_DIR_IN,
	FU_NEC_ODD_SG_DIR_OUT,
} FuNecOddSgDir;

/* what the kernel filled in after SG_IO */
typedef struct {
	guint8 status;	       /* SCSI status byte */
	guint16 host_status;   /* transport */
	guint16 driver_status; /* kernel driver */
	gint resid;	       /* bytes of the data buffer not transferred */
	guint8 sb_len_wr;      /* sense bytes written */
} FuNecOddSgResult;

/* what the caller may need beyond success */
typedef struct {
	guint8 key; /* sense of a CHECK CONDITION, all 0 otherwise */
	guint8 asc;
	guint8 ascq;
	gboolean reset; /* the drive or the bus was reset: the drive lost its RAM and mode */
} FuNecOddSgReply;

gboolean
fu_nec_odd_sg_check_result(const FuNecOddSgResult *result,
			   FuNecOddSgDir dir,
			   gsize bufsz,
			   const guint8 *sense,
			   guint timeout_ms,
			   FuNecOddSgReply *reply,
			   GError **error) G_GNUC_NON_NULL(1, 6);
gboolean
fu_nec_odd_sg_io(FuUdevDevice *device,
		 const guint8 *cdb,
		 gsize cdbsz,
		 FuNecOddSgDir dir,
		 guint8 *buf,
		 gsize bufsz,
		 guint timeout_ms,
		 FuNecOddSgReply *reply,
		 GError **error) G_GNUC_NON_NULL(1, 2);
