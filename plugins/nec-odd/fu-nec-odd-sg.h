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

/* SCSI status bytes (SAM-5) */
#define FU_NEC_ODD_SG_STATUS_GOOD		  0x00
#define FU_NEC_ODD_SG_STATUS_CHECK_CONDITION	  0x02
#define FU_NEC_ODD_SG_STATUS_CONDITION_MET	  0x04
#define FU_NEC_ODD_SG_STATUS_BUSY		  0x08
#define FU_NEC_ODD_SG_STATUS_RESERVATION_CONFLICT 0x18
#define FU_NEC_ODD_SG_STATUS_TASK_SET_FULL	  0x28
#define FU_NEC_ODD_SG_STATUS_ACA_ACTIVE		  0x30
#define FU_NEC_ODD_SG_STATUS_TASK_ABORTED	  0x40

/* host_status values from the kernel's scsi.h */
#define FU_NEC_ODD_SG_HOST_OK	      0x00
#define FU_NEC_ODD_SG_HOST_BUS_BUSY   0x02
#define FU_NEC_ODD_SG_HOST_TIME_OUT   0x03
#define FU_NEC_ODD_SG_HOST_RESET      0x08
#define FU_NEC_ODD_SG_HOST_SOFT_ERROR 0x0B
#define FU_NEC_ODD_SG_HOST_IMM_RETRY  0x0C
#define FU_NEC_ODD_SG_HOST_REQUEUE    0x0D

/* driver_status values (low nibble) from the kernel's sg.h */
#define FU_NEC_ODD_SG_DRIVER_OK	     0x00
#define FU_NEC_ODD_SG_DRIVER_BUSY    0x01
#define FU_NEC_ODD_SG_DRIVER_TIMEOUT 0x06
#define FU_NEC_ODD_SG_DRIVER_SENSE   0x08

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
fu_nec_odd_sg_sense_decode(const guint8 *sense,
			   gsize sensesz,
			   FuNecOddSgReply *reply,
			   GError **error) G_GNUC_NON_NULL(3);
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
