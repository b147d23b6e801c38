/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-device.h"
#include "fu-nec-odd-family.h"
#include "fu-nec-odd-sg.h"
#include "fu-nec-odd-struct.h"

#define FU_NEC_ODD_DEVICE_PERIPHERAL_TYPE_CDROM 0x05
#define FU_NEC_ODD_DEVICE_INQUIRY_SIZE		36
#define FU_NEC_ODD_DEVICE_HARDWARE_ID_AREA	0x20
#define FU_NEC_ODD_DEVICE_TIMEOUT_SHORT		5000 /* ms */

struct _FuNecOddDevice {
	FuUdevDevice parent_instance;
	gchar *hardware_id;
	gchar *product;
	const FuNecOddModel *model;
	gboolean safe_mode;
};

G_DEFINE_TYPE(FuNecOddDevice, fu_nec_odd_device, FU_TYPE_UDEV_DEVICE)

static void
fu_nec_odd_device_to_string(FuDevice *device, guint idt, GString *str)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	fwupd_codec_string_append(str, idt, "HardwareId", self->hardware_id);
	fwupd_codec_string_append(str, idt, "Product", self->product);
	fwupd_codec_string_append_bool(str, idt, "SafeMode", self->safe_mode);
	if (self->model != NULL)
		fwupd_codec_string_append(str, idt, "Family", self->model->family->name);
}

static gchar *
fu_nec_odd_device_read_sysfs_strip(FuNecOddDevice *self, const gchar *attr)
{
	g_autofree gchar *value =
	    fu_udev_device_read_sysfs(FU_UDEV_DEVICE(self),
				      attr,
				      FU_UDEV_DEVICE_ATTR_READ_TIMEOUT_DEFAULT,
				      NULL);
	if (value == NULL)
		return NULL;
	return g_strstrip(g_steal_pointer(&value));
}

static gboolean
fu_nec_odd_device_probe(FuDevice *device, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	g_autofree gchar *type = NULL;
	g_autofree gchar *vendor = NULL;
	g_autoptr(FuDevice) target = NULL;

	/* decided from sysfs alone, so no command ever reaches another device */
	type = fu_nec_odd_device_read_sysfs_strip(self, "device/type");
	if (g_strcmp0(type, "5") != 0) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_SUPPORTED,
				    "not a CD/DVD drive");
		return FALSE;
	}
	vendor = fu_nec_odd_device_read_sysfs_strip(self, "device/vendor");
	if (g_strcmp0(vendor, "_NEC") != 0 && g_strcmp0(vendor, "NEC") != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_NOT_SUPPORTED,
			    "not an NEC drive: vendor is %s",
			    vendor);
		return FALSE;
	}

	/* FuUdevDevice->probe */
	if (!FU_DEVICE_CLASS(fu_nec_odd_device_parent_class)->probe(device, error))
		return FALSE;

	/* the same physical ID the scsi plugin uses, so this device replaces its one */
	target = fu_device_get_backend_parent_with_subsystem(device, "scsi:scsi_target", error);
	if (target == NULL)
		return FALSE;
	fu_device_set_physical_id(
	    device,
	    g_strdup_printf("DEVPATH=%s", fu_udev_device_get_devpath(FU_UDEV_DEVICE(target))));
	return TRUE;
}

static gboolean
fu_nec_odd_device_inquiry(FuNecOddDevice *self, GError **error)
{
	guint8 buf[FU_NEC_ODD_DEVICE_INQUIRY_SIZE] = {0};
	g_autofree gchar *vendor = NULL;
	g_autofree gchar *revision = NULL;
	g_autoptr(FuStructNecOddCdbInquiry) st_cdb = fu_struct_nec_odd_cdb_inquiry_new();
	g_autoptr(FuStructNecOddInquiry) st = NULL;

	fu_struct_nec_odd_cdb_inquiry_set_allocation_length(st_cdb, sizeof(buf));
	if (!fu_nec_odd_sg_io(FU_UDEV_DEVICE(self),
			      st_cdb->buf->data,
			      st_cdb->buf->len,
			      FU_NEC_ODD_SG_DIR_IN,
			      buf,
			      sizeof(buf),
			      FU_NEC_ODD_DEVICE_TIMEOUT_SHORT,
			      error)) {
		g_prefix_error_literal(error, "INQUIRY failed: ");
		return FALSE;
	}
	st = fu_struct_nec_odd_inquiry_parse(buf, sizeof(buf), 0x0, error);
	if (st == NULL)
		return FALSE;
	if ((fu_struct_nec_odd_inquiry_get_peripheral(st) & 0x1F) !=
	    FU_NEC_ODD_DEVICE_PERIPHERAL_TYPE_CDROM) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_SUPPORTED,
				    "not a CD/DVD drive");
		return FALSE;
	}
	vendor = fu_struct_nec_odd_inquiry_get_vendor(st);
	revision = fu_struct_nec_odd_inquiry_get_revision(st);
	if (vendor == NULL || revision == NULL || strlen(revision) != 4) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "INQUIRY data has no vendor or revision");
		return FALSE;
	}
	g_free(self->product);
	self->product = fu_struct_nec_odd_inquiry_get_product(st);
	fu_device_set_version(FU_DEVICE(self), revision);

	/* the bootcode alone reports 0.xx, where xx is its own version */
	self->safe_mode = revision[0] == '0';
	return TRUE;
}

static gboolean
fu_nec_odd_device_read_ram(FuNecOddDevice *self,
			   guint32 address,
			   guint8 *buf,
			   gsize bufsz,
			   GError **error)
{
	g_autoptr(FuStructNecOddCdbReadRam) st_cdb = fu_struct_nec_odd_cdb_read_ram_new();

	fu_struct_nec_odd_cdb_read_ram_set_address(st_cdb, address);
	fu_struct_nec_odd_cdb_read_ram_set_length(st_cdb, bufsz);
	if (!fu_nec_odd_sg_io(FU_UDEV_DEVICE(self),
			      st_cdb->buf->data,
			      st_cdb->buf->len,
			      FU_NEC_ODD_SG_DIR_IN,
			      buf,
			      bufsz,
			      FU_NEC_ODD_DEVICE_TIMEOUT_SHORT,
			      error)) {
		g_prefix_error(error, "failed to read 0x%x bytes at 0x%x: ", (guint)bufsz, address);
		return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_ensure_hardware_id(FuNecOddDevice *self, GError **error)
{
	guint8 buf[FU_NEC_ODD_DEVICE_HARDWARE_ID_AREA] = {0};
	const FuNecOddModel *model;

	/* every supported family keeps it at the same address */
	if (!fu_nec_odd_device_read_ram(self, 0x4800, buf, sizeof(buf), error))
		return FALSE;
	g_free(self->hardware_id);
	self->hardware_id = fu_strsafe((const gchar *)buf, FU_NEC_ODD_HARDWARE_ID_SIZE);
	model = fu_nec_odd_family_lookup_model(self->hardware_id);
	if (model == NULL) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_NOT_SUPPORTED,
			    "unknown NEC drive with hardware ID %s",
			    self->hardware_id);
		return FALSE;
	}
	self->model = model;
	return TRUE;
}

static gboolean
fu_nec_odd_device_setup(FuDevice *device, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	g_autoptr(GError) error_local = NULL;

	if (!fu_nec_odd_device_inquiry(self, error))
		return FALSE;

	/* a drive behind a bridge that drops vendor commands is shown, not updated */
	if (!fu_nec_odd_device_ensure_hardware_id(self, &error_local)) {
		if (!g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED) ||
		    self->hardware_id != NULL) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
		fu_device_set_name(device, self->product);
		fu_device_remove_flag(device, FWUPD_DEVICE_FLAG_UPDATABLE);
		fu_device_set_update_error(
		    device,
		    "The drive does not answer NEC vendor commands: connect it "
		    "directly to an IDE or SATA port, not through a USB adapter");
	} else if (self->safe_mode) {
		g_autofree gchar *name = g_strdup_printf("%s (needs recovery)", self->model->model);
		fu_device_set_name(device, name);
		fu_device_set_summary(device,
				      "An earlier firmware update was interrupted and only the "
				      "bootcode is running: install the firmware again to recover");
		fu_device_add_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);
	} else {
		fu_device_set_name(device, self->model->model);
	}

	/* the GUID comes from the model, so bulk and retail drives get the same
	 * firmware; the bootcode reports its own, sometimes wrong, model string */
	fu_device_add_instance_strsafe(device, "VEN", "NEC");
	fu_device_add_instance_strsafe(device,
				       "DEV",
				       self->model != NULL && self->safe_mode ? self->model->model
									      : self->product);
	fu_device_add_instance_strsafe(device, "REV", fu_device_get_version(device));
	if (!fu_device_build_instance_id_full(device,
					      FU_DEVICE_INSTANCE_FLAG_QUIRKS,
					      error,
					      "SCSI",
					      "VEN",
					      NULL))
		return FALSE;
	if (!fu_device_build_instance_id(device, error, "SCSI", "VEN", "DEV", NULL))
		return FALSE;
	if (!self->safe_mode &&
	    !fu_device_build_instance_id(device, error, "SCSI", "VEN", "DEV", "REV", NULL))
		return FALSE;
	if (self->hardware_id != NULL && self->model != NULL) {
		fu_device_add_instance_strsafe(device, "HWID", self->hardware_id);
		if (!fu_device_build_instance_id(device, error, "NEC_ODD", "HWID", NULL))
			return FALSE;
	}
	return TRUE;
}

static void
fu_nec_odd_device_set_progress(FuDevice *device, FuProgress *progress)
{
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_add_step(progress, FWUPD_STATUS_DECOMPRESSING, 0, "prepare-fw");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_RESTART, 1, "detach");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 97, "write");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_RESTART, 2, "attach");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_BUSY, 0, "reload");
}

static void
fu_nec_odd_device_init(FuNecOddDevice *self)
{
	fu_device_set_vendor(FU_DEVICE(self), "NEC");
	fu_device_build_vendor_id(FU_DEVICE(self), "SCSI", "_NEC");
	fu_device_set_summary(FU_DEVICE(self), "DVD writer");
	fu_device_add_icon(FU_DEVICE(self), "drive-optical");
	fu_device_add_protocol(FU_DEVICE(self), "com.nec.odd");
	fu_device_set_version_format(FU_DEVICE(self), FWUPD_VERSION_FORMAT_PLAIN);
	fu_device_add_flag(FU_DEVICE(self), FWUPD_DEVICE_FLAG_INTERNAL);
	fu_device_add_flag(FU_DEVICE(self), FWUPD_DEVICE_FLAG_UPDATABLE);
	fu_device_add_flag(FU_DEVICE(self), FWUPD_DEVICE_FLAG_REQUIRE_AC);
	fu_udev_device_add_open_flag(FU_UDEV_DEVICE(self), FU_IO_CHANNEL_OPEN_FLAG_READ);
	fu_udev_device_add_open_flag(FU_UDEV_DEVICE(self), FU_IO_CHANNEL_OPEN_FLAG_NONBLOCK);
}

static void
fu_nec_odd_device_finalize(GObject *object)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(object);
	g_free(self->hardware_id);
	g_free(self->product);
	G_OBJECT_CLASS(fu_nec_odd_device_parent_class)->finalize(object);
}

static void
fu_nec_odd_device_class_init(FuNecOddDeviceClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	FuDeviceClass *device_class = FU_DEVICE_CLASS(klass);
	object_class->finalize = fu_nec_odd_device_finalize;
	device_class->to_string = fu_nec_odd_device_to_string;
	device_class->probe = fu_nec_odd_device_probe;
	device_class->setup = fu_nec_odd_device_setup;
	device_class->set_progress = fu_nec_odd_device_set_progress;
}
