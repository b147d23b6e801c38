/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <scsi/sg.h>

#include "fu-nec-odd-sg.h"
#include "fu-nec-odd-struct.h"

/* every field read here is in the first 18 bytes of either sense format */
#define FU_NEC_ODD_SG_SENSE_SIZE 32

/* sense response codes: fixed and descriptor format, current and deferred */
#define FU_NEC_ODD_SG_SENSE_FIXED_CURRENT	0x70
#define FU_NEC_ODD_SG_SENSE_FIXED_DEFERRED	0x71
#define FU_NEC_ODD_SG_SENSE_DESCRIPTOR_CURRENT	0x72
#define FU_NEC_ODD_SG_SENSE_DESCRIPTOR_DEFERRED 0x73

typedef struct {
	guint8 key;
	guint8 asc;
	guint8 ascq; /* 0xFF matches any */
	FwupdError code;
	const gchar *text;
} FuNecOddSenseText;

/* what the drive means, in words a user can act on */
static const FuNecOddSenseText fu_nec_odd_sense_texts[] = {
    {0x02, 0x3A, 0xFF, FWUPD_ERROR_NOT_FOUND, "no disc in the drive"},
    {0x02, 0x04, 0xFF, FWUPD_ERROR_BUSY, "the drive is becoming ready"},
    {0x06, 0x29, 0xFF, FWUPD_ERROR_BUSY, "the drive was reset"},
    {0x06, 0x28, 0xFF, FWUPD_ERROR_BUSY, "the disc may have changed"},
    {0x05,
     0x20,
     0x00,
     FWUPD_ERROR_NOT_SUPPORTED,
     "the drive does not accept this command; a USB or SATA bridge may be dropping NEC "
     "vendor commands"},
    {0x05, 0x21, 0xFF, FWUPD_ERROR_INVALID_DATA, "the drive rejected the address"},
    {0x05, 0x24, 0xFF, FWUPD_ERROR_INVALID_DATA, "the drive rejected a field of the command"},
    {0x05, 0x26, 0xFF, FWUPD_ERROR_INVALID_DATA, "the drive rejected the parameters"},
    {0x05, 0x2C, 0xFF, FWUPD_ERROR_INTERNAL, "the drive refused a command out of sequence"},
    {0x07, 0xFF, 0xFF, FWUPD_ERROR_PERMISSION_DENIED, "the flash block is write protected"},
    {0x04, 0xFF, 0xFF, FWUPD_ERROR_WRITE, "the drive reported a hardware failure"},
    {0x03, 0xFF, 0xFF, FWUPD_ERROR_WRITE, "the drive reported a medium error"},
};

/* the key, ASC and ASCQ of fixed (SPC-4 4.5.3) or descriptor (4.5.2) format
 * sense data, of which only sensesz bytes are valid */
static gboolean
fu_nec_odd_sg_sense_decode(const guint8 *sense,
			   gsize sensesz,
			   FuNecOddSgReply *reply,
			   GError **error)
{
	guint8 response_code;

	reply->key = 0;
	reply->asc = 0;
	reply->ascq = 0;
	if (sense == NULL || sensesz == 0) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "the drive reported an error without sense data");
		return FALSE;
	}
	response_code = sense[0] & 0x7F;
	if (response_code == FU_NEC_ODD_SG_SENSE_FIXED_CURRENT ||
	    response_code == FU_NEC_ODD_SG_SENSE_FIXED_DEFERRED) {
		gsize valid = sensesz;
		if (sensesz < 3) {
			g_set_error(
			    error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "the drive sent %u bytes of sense data, too few for a sense key",
			    (guint)sensesz);
			return FALSE;
		}
		/* the additional length says how many bytes follow byte 7 */
		if (sensesz >= 8)
			valid = MIN(sensesz, 8 + (gsize)sense[7]);
		reply->key = sense[2] & 0x0F;
		if (valid >= 14) {
			reply->asc = sense[12];
			reply->ascq = sense[13];
		}
		return TRUE;
	}
	if (response_code == FU_NEC_ODD_SG_SENSE_DESCRIPTOR_CURRENT ||
	    response_code == FU_NEC_ODD_SG_SENSE_DESCRIPTOR_DEFERRED) {
		if (sensesz < 4) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "the drive sent %u bytes of descriptor sense data, too few for "
				    "a sense key",
				    (guint)sensesz);
			return FALSE;
		}
		reply->key = sense[1] & 0x0F;
		reply->asc = sense[2];
		reply->ascq = sense[3];
		return TRUE;
	}
	g_set_error(error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_INVALID_DATA,
		    "the drive sent sense data of unknown format 0x%02x",
		    sense[0]);
	return FALSE;
}

static gboolean
fu_nec_odd_sg_set_sense_error(FuNecOddSgReply *reply, GError **error)
{
	guint8 key = reply->key;
	guint8 asc = reply->asc;
	guint8 ascq = reply->ascq;

	/* a power-on or reset unit attention: the drive lost its RAM and mode */
	if (key == 0x06 && asc == 0x29)
		reply->reset = TRUE;
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_sense_texts); i++) {
		const FuNecOddSenseText *item = &fu_nec_odd_sense_texts[i];
		if (item->key != key)
			continue;
		if (item->asc != 0xFF && item->asc != asc)
			continue;
		if (item->ascq != 0xFF && item->ascq != ascq)
			continue;
		g_set_error(error,
			    FWUPD_ERROR,
			    item->code,
			    "%s (sense %02X/%02X/%02X)",
			    item->text,
			    key,
			    asc,
			    ascq);
		return FALSE;
	}
	g_set_error(error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_INTERNAL,
		    "the drive reported %s (sense %02X/%02X/%02X)",
		    fu_nec_odd_sense_key_to_string(key),
		    key,
		    asc,
		    ascq);
	return FALSE;
}

static gboolean
fu_nec_odd_sg_check_host_status(const FuNecOddSgResult *result,
				guint timeout_ms,
				FuNecOddSgReply *reply,
				GError **error)
{
	switch (result->host_status) {
	case FU_NEC_ODD_SG_HOST_OK:
		return TRUE;
	case FU_NEC_ODD_SG_HOST_TIME_OUT:
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_TIMED_OUT,
			    "the drive did not answer within %u s; check its cable and power",
			    timeout_ms / 1000);
		return FALSE;
	case FU_NEC_ODD_SG_HOST_RESET:
		reply->reset = TRUE;
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_BUSY,
				    "the command was ended by a bus reset (host status 0x08)");
		return FALSE;
	case FU_NEC_ODD_SG_HOST_BUS_BUSY:
	case FU_NEC_ODD_SG_HOST_SOFT_ERROR:
	case FU_NEC_ODD_SG_HOST_IMM_RETRY:
	case FU_NEC_ODD_SG_HOST_REQUEUE:
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_BUSY,
			    "the bus was busy (host status 0x%02x)",
			    result->host_status);
		return FALSE;
	default:
		g_set_error(
		    error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_INTERNAL,
		    "the drive did not answer (host status 0x%02x); check its cable and power",
		    result->host_status);
		return FALSE;
	}
}

static gboolean
fu_nec_odd_sg_check_driver_status(const FuNecOddSgResult *result, GError **error)
{
	switch (result->driver_status & 0x0F) {
	case FU_NEC_ODD_SG_DRIVER_OK:
	case FU_NEC_ODD_SG_DRIVER_SENSE:
		return TRUE;
	case FU_NEC_ODD_SG_DRIVER_TIMEOUT:
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_TIMED_OUT,
				    "the kernel timed the command out (driver status 0x06)");
		return FALSE;
	case FU_NEC_ODD_SG_DRIVER_BUSY:
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_BUSY,
				    "the kernel driver was busy (driver status 0x01)");
		return FALSE;
	default:
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INTERNAL,
			    "the kernel driver reported an error (driver status 0x%02x)",
			    result->driver_status);
		return FALSE;
	}
}

static gboolean
fu_nec_odd_sg_check_status(const FuNecOddSgResult *result,
			   const guint8 *sense,
			   FuNecOddSgReply *reply,
			   GError **error)
{
	/* bits 0 and 7 are reserved (SAM-5 5.3.1) */
	switch (result->status & 0x7E) {
	case FU_NEC_ODD_SCSI_STATUS_GOOD:
	case FU_NEC_ODD_SCSI_STATUS_CONDITION_MET:
		return TRUE;
	case FU_NEC_ODD_SCSI_STATUS_CHECK_CONDITION:
		if (!fu_nec_odd_sg_sense_decode(sense,
						MIN(result->sb_len_wr, FU_NEC_ODD_SG_SENSE_SIZE),
						reply,
						error)) {
			g_prefix_error_literal(error, "CHECK CONDITION: ");
			return FALSE;
		}
		return fu_nec_odd_sg_set_sense_error(reply, error);
	case FU_NEC_ODD_SCSI_STATUS_BUSY:
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_BUSY,
				    "the drive is busy (status BUSY)");
		return FALSE;
	case FU_NEC_ODD_SCSI_STATUS_TASK_SET_FULL:
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_BUSY,
				    "the drive is busy (status TASK SET FULL)");
		return FALSE;
	case FU_NEC_ODD_SCSI_STATUS_RESERVATION_CONFLICT:
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_BUSY,
				    "another program has reserved the drive (status RESERVATION "
				    "CONFLICT): close it, then try again");
		return FALSE;
	default:
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INTERNAL,
			    "the drive answered with SCSI status 0x%02x",
			    result->status);
		return FALSE;
	}
}

/* a short transfer is an error, never data the drive did not send */
static gboolean
fu_nec_odd_sg_check_resid(const FuNecOddSgResult *result,
			  FuNecOddSgDir dir,
			  gsize bufsz,
			  GError **error)
{
	if (dir == FU_NEC_ODD_SG_DIR_NONE)
		return TRUE;
	if (result->resid < 0 || (gsize)result->resid > bufsz) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "the kernel reported %d of %u bytes not transferred",
			    result->resid,
			    (guint)bufsz);
		return FALSE;
	}
	if (result->resid != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    dir == FU_NEC_ODD_SG_DIR_IN ? FWUPD_ERROR_READ : FWUPD_ERROR_WRITE,
			    "short transfer: the drive %s %u of %u bytes",
			    dir == FU_NEC_ODD_SG_DIR_IN ? "sent" : "took",
			    (guint)(bufsz - (gsize)result->resid),
			    (guint)bufsz);
		return FALSE;
	}
	return TRUE;
}

/* everything the kernel and the drive said about one command, in order of
 * precedence: transport, kernel driver, SCSI status and sense, transfer length */
gboolean
fu_nec_odd_sg_check_result(const FuNecOddSgResult *result,
			   FuNecOddSgDir dir,
			   gsize bufsz,
			   const guint8 *sense,
			   guint timeout_ms,
			   FuNecOddSgReply *reply,
			   GError **error)
{
	memset(reply, 0, sizeof(*reply));
	if (!fu_nec_odd_sg_check_host_status(result, timeout_ms, reply, error))
		return FALSE;
	if (!fu_nec_odd_sg_check_driver_status(result, error))
		return FALSE;
	if (!fu_nec_odd_sg_check_status(result, sense, reply, error))
		return FALSE;
	return fu_nec_odd_sg_check_resid(result, dir, bufsz, error);
}

static gboolean
fu_nec_odd_sg_buf_cb(FuIoctl *self, gpointer ptr, guint8 *buf, gsize bufsz, GError **error)
{
	struct sg_io_hdr *io_hdr = (struct sg_io_hdr *)ptr;
	io_hdr->dxferp = buf;
	io_hdr->dxfer_len = bufsz;
	return TRUE;
}

static gboolean
fu_nec_odd_sg_cdb_cb(FuIoctl *self, gpointer ptr, guint8 *buf, gsize bufsz, GError **error)
{
	struct sg_io_hdr *io_hdr = (struct sg_io_hdr *)ptr;
	io_hdr->cmdp = buf;
	io_hdr->cmd_len = bufsz;
	return TRUE;
}

static gboolean
fu_nec_odd_sg_sense_cb(FuIoctl *self, gpointer ptr, guint8 *buf, gsize bufsz, GError **error)
{
	struct sg_io_hdr *io_hdr = (struct sg_io_hdr *)ptr;
	io_hdr->sbp = buf;
	io_hdr->mx_sb_len = bufsz;
	return TRUE;
}

static gint
fu_nec_odd_sg_dir_to_sg(FuNecOddSgDir dir)
{
	if (dir == FU_NEC_ODD_SG_DIR_IN)
		return SG_DXFER_FROM_DEV;
	if (dir == FU_NEC_ODD_SG_DIR_OUT)
		return SG_DXFER_TO_DEV;
	return SG_DXFER_NONE;
}

/* one SG_IO command, sent once; every error is in words a user can act on */
gboolean
fu_nec_odd_sg_io(FuUdevDevice *device,
		 const guint8 *cdb,
		 gsize cdbsz,
		 FuNecOddSgDir dir,
		 guint8 *buf,
		 gsize bufsz,
		 guint timeout_ms,
		 FuNecOddSgReply *reply,
		 GError **error)
{
	guint8 sense[FU_NEC_ODD_SG_SENSE_SIZE] = {0};
	FuNecOddSgReply reply_tmp = {0};
	FuNecOddSgResult result = {0};
	struct sg_io_hdr io_hdr = {
	    .interface_id = 'S',
	    .dxfer_direction = fu_nec_odd_sg_dir_to_sg(dir),
	    .timeout = timeout_ms,
	};
	g_autoptr(FuIoctl) ioctl = fu_udev_device_ioctl_new(device);

	/* the keys make the command replayable by fwupd's device emulation */
	fu_ioctl_add_key_as_u16(ioctl, "Request", SG_IO);
	fu_ioctl_add_key_as_u8(ioctl, "DxferDirection", io_hdr.dxfer_direction);
	if (dir == FU_NEC_ODD_SG_DIR_IN)
		fu_ioctl_add_mutable_buffer(ioctl, NULL, buf, bufsz, fu_nec_odd_sg_buf_cb);
	else if (dir == FU_NEC_ODD_SG_DIR_OUT)
		fu_ioctl_add_const_buffer(ioctl, NULL, buf, bufsz, fu_nec_odd_sg_buf_cb);
	fu_ioctl_add_const_buffer(ioctl, "Cdb", cdb, cdbsz, fu_nec_odd_sg_cdb_cb);
	fu_ioctl_add_mutable_buffer(ioctl, "Sense", sense, sizeof(sense), fu_nec_odd_sg_sense_cb);

	/* no FU_IOCTL_FLAG_RETRY: whether a command may be sent again is the caller's call */
	if (!fu_ioctl_execute(ioctl,
			      SG_IO,
			      (guint8 *)&io_hdr,
			      sizeof(io_hdr),
			      NULL,
			      timeout_ms,
			      FU_IOCTL_FLAG_NONE,
			      error))
		return FALSE;
	result.status = io_hdr.status;
	result.host_status = io_hdr.host_status;
	result.driver_status = io_hdr.driver_status;
	result.resid = io_hdr.resid;
	result.sb_len_wr = io_hdr.sb_len_wr;

	/* emulation replays the sense data but not the header: a recorded sense with a
	 * key stands for the CHECK CONDITION it came with */
	if (fu_device_has_flag(FU_DEVICE(device), FWUPD_DEVICE_FLAG_EMULATED)) {
		guint8 response_code = sense[0] & 0x7F;
		guint8 key = response_code >= FU_NEC_ODD_SG_SENSE_DESCRIPTOR_CURRENT
				 ? sense[1] & 0x0F
				 : sense[2] & 0x0F;
		result.sb_len_wr = sizeof(sense);
		if (response_code >= FU_NEC_ODD_SG_SENSE_FIXED_CURRENT &&
		    response_code <= FU_NEC_ODD_SG_SENSE_DESCRIPTOR_DEFERRED && key != 0)
			result.status = FU_NEC_ODD_SCSI_STATUS_CHECK_CONDITION;
	}
	return fu_nec_odd_sg_check_result(&result,
					  dir,
					  bufsz,
					  sense,
					  timeout_ms,
					  reply != NULL ? reply : &reply_tmp,
					  error);
}
