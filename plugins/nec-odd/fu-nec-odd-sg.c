/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <scsi/sg.h>

#include "fu-nec-odd-sg.h"
#include "fu-nec-odd-struct.h"

#define FU_NEC_ODD_SG_SENSE_SIZE 32

/* host_status values from the kernel's scsi.h */
#define FU_NEC_ODD_SG_HOST_OK 0x00

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

static gboolean
fu_nec_odd_sg_set_sense_error(const guint8 *sense, gsize sensesz, GError **error)
{
	guint8 key;
	guint8 asc;
	guint8 ascq;
	g_autoptr(FuStructNecOddSense) st = NULL;

	st = fu_struct_nec_odd_sense_parse(sense, sensesz, 0x0, error);
	if (st == NULL)
		return FALSE;
	key = fu_struct_nec_odd_sense_get_flags_key(st) & 0x0F;
	asc = fu_struct_nec_odd_sense_get_asc(st);
	ascq = fu_struct_nec_odd_sense_get_ascq(st);
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

/* one SG_IO command; a CHECK CONDITION becomes an error with the sense in words */
gboolean
fu_nec_odd_sg_io(FuUdevDevice *device,
		 const guint8 *cdb,
		 gsize cdbsz,
		 FuNecOddSgDir dir,
		 guint8 *buf,
		 gsize bufsz,
		 guint timeout_ms,
		 GError **error)
{
	guint8 sense[FU_NEC_ODD_SG_SENSE_SIZE] = {0};
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
	if (!fu_ioctl_execute(ioctl,
			      SG_IO,
			      (guint8 *)&io_hdr,
			      sizeof(io_hdr),
			      NULL,
			      timeout_ms + 5000,
			      FU_IOCTL_FLAG_RETRY,
			      error))
		return FALSE;
	if (io_hdr.host_status != FU_NEC_ODD_SG_HOST_OK) {
		g_set_error(
		    error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_TIMED_OUT,
		    "the drive did not answer (host status 0x%02x); check its cable and power",
		    io_hdr.host_status);
		return FALSE;
	}

	/* emulation replays the sense data but not the status byte */
	if (io_hdr.status != 0 ||
	    ((sense[0] & 0x7F) >= 0x70 && (sense[0] & 0x7F) <= 0x71 && (sense[2] & 0x0F) != 0)) {
		return fu_nec_odd_sg_set_sense_error(sense, sizeof(sense), error);
	}
	return TRUE;
}
