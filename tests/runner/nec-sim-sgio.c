/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-sgio.h"

#include <errno.h>
#include <scsi/sg.h>
#include <stddef.h>
#include <string.h>

/* what drivers/scsi/scsi_ioctl.c answers on a block node */
#define NEC_SIM_SGIO_VERSION_NUM 30527
/* and what drivers/scsi/sg.c answers on an sg node: sg 3.5.36, SG_DEF_RESERVED_SIZE */
#define NEC_SIM_SGIO_SG_VERSION_NUM   30536
#define NEC_SIM_SGIO_SG_RESERVED_SIZE 32768
#define NEC_SIM_SGIO_CDB_MAX	      32 /* sizeof(scsi_cmnd.cmnd) */
#define NEC_SIM_SGIO_USER_HZ	      100
/* libata limits ATAPI transfers to ATA_MAX_SECTORS (256 × 512 bytes) */
#define NEC_SIM_SGIO_MAX_BYTES (256 * 512)
/* a timed-out command; really the sg timeout, shortened so tests stay fast */
#define NEC_SIM_SGIO_NO_ANSWER_US (50 * G_TIME_SPAN_MILLISECOND)

#define NEC_SIM_SGIO_DID_TIME_OUT 0x03
#define NEC_SIM_SGIO_DRIVER_SENSE 0x08

struct _NecSimSgio {
	UMockdevIoctlBase parent_instance;
	gchar *devname; /* "sr0", for the trace */
	NecSimSgioFunc func;
	gpointer user_data;
	NecSimTrace *trace; /* not owned, nullable */
	gint timeout_jiffies;
	gint reserved_size;
	gboolean sg_driver; /* an sg node rather than a block node */
};

G_DEFINE_TYPE(NecSimSgio, nec_sim_sgio, UMOCKDEV_TYPE_IOCTL_BASE)

static NecSimDir
nec_sim_sgio_dir_from_hdr(const struct sg_io_hdr *hdr)
{
	if (hdr->dxfer_len == 0)
		return NEC_SIM_DIR_NONE;
	if (hdr->dxfer_direction == SG_DXFER_TO_DEV)
		return NEC_SIM_DIR_OUT;
	if (hdr->dxfer_direction == SG_DXFER_FROM_DEV ||
	    hdr->dxfer_direction == SG_DXFER_TO_FROM_DEV)
		return NEC_SIM_DIR_IN;
	return NEC_SIM_DIR_NONE;
}

/* returns an errno for the ioctl, or 0 when the command went to the device */
static gint
nec_sim_sgio_serve_sg_io(NecSimSgio *self, UMockdevIoctlData *arg)
{
	struct sg_io_hdr *hdr;
	NecSimResult result = {0};
	NecSimDir dir;
	guint8 *data = NULL;
	gint64 start = g_get_monotonic_time();
	guint timeout_ms;
	g_autoptr(UMockdevIoctlData) hdr_data = NULL;
	g_autoptr(UMockdevIoctlData) cdb_data = NULL;
	g_autoptr(UMockdevIoctlData) xfer_data = NULL;
	g_autoptr(UMockdevIoctlData) sense_data = NULL;

	hdr_data = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct sg_io_hdr), NULL);
	if (hdr_data == NULL)
		return EFAULT;
	hdr = (struct sg_io_hdr *)hdr_data->data;

	/* the checks sg_io() makes before anything reaches the device */
	if (hdr->interface_id != 'S')
		return EINVAL;
	if (hdr->cmd_len == 0 || hdr->cmd_len > NEC_SIM_SGIO_CDB_MAX || hdr->iovec_count != 0)
		return EINVAL;
	if (hdr->dxfer_len > NEC_SIM_SGIO_MAX_BYTES)
		return EIO;
	cdb_data = umockdev_ioctl_data_resolve(hdr_data,
					       offsetof(struct sg_io_hdr, cmdp),
					       hdr->cmd_len,
					       NULL);
	if (cdb_data == NULL)
		return EFAULT;
	dir = nec_sim_sgio_dir_from_hdr(hdr);
	if (dir != NEC_SIM_DIR_NONE) {
		xfer_data = umockdev_ioctl_data_resolve(hdr_data,
							offsetof(struct sg_io_hdr, dxferp),
							hdr->dxfer_len,
							NULL);
		if (xfer_data == NULL)
			return EFAULT;
		data = xfer_data->data;
	}

	/* sg_io(): the header's timeout, else the node's SG_SET_TIMEOUT value */
	timeout_ms = hdr->timeout != 0
			 ? hdr->timeout
			 : (guint)self->timeout_jiffies * (1000 / NEC_SIM_SGIO_USER_HZ);
	self->func(self->user_data,
		   cdb_data->data,
		   hdr->cmd_len,
		   dir,
		   data,
		   dir != NEC_SIM_DIR_NONE ? hdr->dxfer_len : 0,
		   timeout_ms,
		   &result);
	nec_sim_trace_command(self->trace,
			      self->devname,
			      cdb_data->data,
			      hdr->cmd_len,
			      dir,
			      hdr->dxfer_len,
			      &result);

	/* what blk_complete_sghdr_rq() fills in */
	hdr->msg_status = 0;
	hdr->info = 0;
	hdr->sb_len_wr = 0;
	if (result.no_answer || result.timed_out) {
		/* the kernel gives up after the timeout and reports it in host_status;
		 * a timed-out command has waited already */
		if (result.no_answer)
			g_usleep(NEC_SIM_SGIO_NO_ANSWER_US);
		hdr->status = 0;
		hdr->masked_status = 0;
		hdr->host_status = NEC_SIM_SGIO_DID_TIME_OUT;
		hdr->driver_status = 0;
		hdr->resid = (gint)hdr->dxfer_len;
		hdr->duration = timeout_ms;
		hdr->info = SG_INFO_CHECK;
		return 0;
	}
	hdr->status = result.status;
	hdr->masked_status = (result.status >> 1) & 0x7F;
	hdr->host_status = result.host_status;
	hdr->driver_status = 0;
	hdr->resid = (gint)result.resid;
	hdr->duration = (guint)((g_get_monotonic_time() - start) / G_TIME_SPAN_MILLISECOND);
	if (result.status == NEC_SIM_STATUS_CHECK_CONDITION) {
		hdr->driver_status = NEC_SIM_SGIO_DRIVER_SENSE;
		if (result.sense_len > 0 && hdr->mx_sb_len > 0) {
			gsize len = MIN(result.sense_len, hdr->mx_sb_len);
			sense_data = umockdev_ioctl_data_resolve(hdr_data,
								 offsetof(struct sg_io_hdr, sbp),
								 len,
								 NULL);
			if (sense_data == NULL)
				return EFAULT;
			memcpy(sense_data->data, result.sense, len);
			hdr->sb_len_wr = (guint8)len;
		}
	}
	if (hdr->masked_status != 0 || hdr->host_status != 0 || hdr->driver_status != 0)
		hdr->info |= SG_INFO_CHECK;
	return 0;
}

static gint
nec_sim_sgio_put_int(UMockdevIoctlData *arg, gint value)
{
	g_autoptr(UMockdevIoctlData) data = umockdev_ioctl_data_resolve(arg, 0, sizeof(gint), NULL);
	if (data == NULL)
		return EFAULT;
	memcpy(data->data, &value, sizeof(value));
	return 0;
}

static gint
nec_sim_sgio_get_int(UMockdevIoctlData *arg, gint *value)
{
	g_autoptr(UMockdevIoctlData) data = umockdev_ioctl_data_resolve(arg, 0, sizeof(gint), NULL);
	if (data == NULL)
		return EFAULT;
	memcpy(value, data->data, sizeof(*value));
	return 0;
}

static gboolean
nec_sim_sgio_handle_ioctl(UMockdevIoctlBase *base, UMockdevIoctlClient *client)
{
	NecSimSgio *self = NEC_SIM_SGIO(base);
	UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
	glong rc = 0;
	gint value = 0;
	gint err;

	switch (umockdev_ioctl_client_get_request(client)) {
	case SG_IO:
		err = nec_sim_sgio_serve_sg_io(self, arg);
		break;
	case SG_GET_VERSION_NUM:
		err = nec_sim_sgio_put_int(arg,
					   self->sg_driver ? NEC_SIM_SGIO_SG_VERSION_NUM
							   : NEC_SIM_SGIO_VERSION_NUM);
		break;
	case SG_EMULATED_HOST:
		/* the block layer always says 1, sg asks the host template: libata's says 0 */
		err = nec_sim_sgio_put_int(arg, self->sg_driver ? 0 : 1);
		break;
	case SG_GET_TIMEOUT:
		/* the only one that answers in the return value, in USER_HZ */
		rc = self->timeout_jiffies;
		err = 0;
		break;
	case SG_SET_TIMEOUT:
		err = nec_sim_sgio_get_int(arg, &value);
		if (err == 0)
			self->timeout_jiffies = value;
		break;
	case SG_GET_RESERVED_SIZE:
		err = nec_sim_sgio_put_int(arg, self->reserved_size);
		break;
	case SG_SET_RESERVED_SIZE:
		err = nec_sim_sgio_get_int(arg, &value);
		if (err == 0 && value < 0)
			err = EINVAL;
		if (err == 0)
			self->reserved_size = MIN(value, NEC_SIM_SGIO_MAX_BYTES);
		break;
	default:
		err = ENOTTY;
		break;
	}
	umockdev_ioctl_client_complete(client, err != 0 ? -1 : rc, err);
	return TRUE;
}

static void
nec_sim_sgio_init(NecSimSgio *self)
{
	self->timeout_jiffies = 60 * NEC_SIM_SGIO_USER_HZ; /* BLK_DEFAULT_SG_TIMEOUT */
	self->reserved_size = NEC_SIM_SGIO_MAX_BYTES;
}

static void
nec_sim_sgio_finalize(GObject *object)
{
	NecSimSgio *self = NEC_SIM_SGIO(object);
	g_free(self->devname);
	G_OBJECT_CLASS(nec_sim_sgio_parent_class)->finalize(object);
}

static void
nec_sim_sgio_class_init(NecSimSgioClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	UMockdevIoctlBaseClass *base_class = UMOCKDEV_IOCTL_BASE_CLASS(klass);
	object_class->finalize = nec_sim_sgio_finalize;
	base_class->handle_ioctl = nec_sim_sgio_handle_ioctl;
}

NecSimSgio *
nec_sim_sgio_new(const gchar *devname, NecSimSgioFunc func, gpointer user_data, NecSimTrace *trace)
{
	NecSimSgio *self = g_object_new(NEC_SIM_TYPE_SGIO, NULL);
	self->sg_driver = g_str_has_prefix(devname, "sg");
	if (self->sg_driver)
		self->reserved_size = NEC_SIM_SGIO_SG_RESERVED_SIZE;
	self->devname = g_strdup(devname);
	self->func = func;
	self->user_data = user_data;
	self->trace = trace;
	return self;
}
