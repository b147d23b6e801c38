/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>

#include "fu-nec-odd-cdb.h"
#include "fu-nec-odd-device.h"
#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-sg.h"

#define FU_NEC_ODD_DEVICE_PERIPHERAL_TYPE_CDROM 0x05
#define FU_NEC_ODD_DEVICE_INQUIRY_SIZE		36
#define FU_NEC_ODD_DEVICE_HARDWARE_ID_AREA	0x20
#define FU_NEC_ODD_DEVICE_TIMEOUT_SHORT		5000 /* ms */
/* an Am29LV800B sector erase takes up to 15 s, a 64 KiB program up to 10 s */
#define FU_NEC_ODD_DEVICE_TIMEOUT_FLASH 30000 /* ms */
#define FU_NEC_ODD_DEVICE_RETRY_COUNT	5
#define FU_NEC_ODD_DEVICE_RETRY_DELAY	20 /* ms: a unit attention is cleared by reporting it */
/* the main firmware restarts after safe mode is left: wait up to 30 s */
#define FU_NEC_ODD_DEVICE_READY_COUNT 300
#define FU_NEC_ODD_DEVICE_READY_DELAY 100 /* ms */
#define FU_NEC_ODD_DEVICE_BRIDGE_ERROR                                                             \
	"The drive does not answer NEC vendor commands: connect it directly to an IDE or SATA "    \
	"port, not through a USB adapter"

struct _FuNecOddDevice {
	FuUdevDevice parent_instance;
	gchar *hardware_id;
	gchar *product;
	const FuNecOddModel *model;
	gboolean safe_mode;
	guint16 bootcode;	   /* two ASCII digits, 0 until known */
	gboolean force;		   /* the user asked to crossflash an OEM rebrand */
	guint16 bootcode_required; /* of the image being installed, 0 for any */
	gchar *version_expected;
};

G_DEFINE_TYPE(FuNecOddDevice, fu_nec_odd_device, FU_TYPE_UDEV_DEVICE)

typedef struct {
	const guint8 *cdb;
	gsize cdbsz;
	FuNecOddSgDir dir;
	guint8 *buf;
	gsize bufsz;
	guint timeout_ms;
} FuNecOddDeviceCmd;

static void
fu_nec_odd_device_to_string(FuDevice *device, guint idt, GString *str)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	fwupd_codec_string_append(str, idt, "HardwareId", self->hardware_id);
	fwupd_codec_string_append(str, idt, "Product", self->product);
	fwupd_codec_string_append_bool(str, idt, "SafeMode", self->safe_mode);
	fwupd_codec_string_append_hex(str, idt, "Bootcode", self->bootcode);
	if (self->model != NULL)
		fwupd_codec_string_append(str, idt, "Family", self->model->family->name);
}

static gboolean
fu_nec_odd_device_cmd_cb(FuDevice *device, gpointer user_data, GError **error)
{
	FuNecOddDeviceCmd *cmd = (FuNecOddDeviceCmd *)user_data;
	return fu_nec_odd_sg_io(FU_UDEV_DEVICE(device),
				cmd->cdb,
				cmd->cdbsz,
				cmd->dir,
				cmd->buf,
				cmd->bufsz,
				cmd->timeout_ms,
				error);
}

/* one command; only a transient state (unit attention, becoming ready) is retried */
static gboolean
fu_nec_odd_device_cmd(FuNecOddDevice *self,
		      GByteArray *cdb,
		      FuNecOddSgDir dir,
		      guint8 *buf,
		      gsize bufsz,
		      guint timeout_ms,
		      GError **error)
{
	FuNecOddDeviceCmd cmd = {
	    .cdb = cdb->data,
	    .cdbsz = cdb->len,
	    .dir = dir,
	    .buf = buf,
	    .bufsz = bufsz,
	    .timeout_ms = timeout_ms,
	};
	return fu_device_retry_full(FU_DEVICE(self),
				    fu_nec_odd_device_cmd_cb,
				    FU_NEC_ODD_DEVICE_RETRY_COUNT,
				    FU_NEC_ODD_DEVICE_RETRY_DELAY,
				    &cmd,
				    error);
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
	g_autofree gchar *physical_id = NULL;
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

	/* the drive restarts in place and never re-enumerates: nothing to wait for after an
	 * update (set here, as the backend device's own delay is incorporated after init) */
	fu_device_set_acquiesce_delay(device, 0);

	/* the same physical ID the scsi plugin uses, so this device replaces its one */
	target = fu_device_get_backend_parent_with_subsystem(device, "scsi:scsi_target", error);
	if (target == NULL)
		return FALSE;
	physical_id =
	    g_strdup_printf("DEVPATH=%s", fu_udev_device_get_devpath(FU_UDEV_DEVICE(target)));
	fu_device_set_physical_id(device, physical_id);
	return TRUE;
}

/* what the running firmware reports; the bootcode alone says 0.xy */
static gboolean
fu_nec_odd_device_inquiry(FuNecOddDevice *self, gchar **product, gchar **revision, GError **error)
{
	guint8 buf[FU_NEC_ODD_DEVICE_INQUIRY_SIZE] = {0};
	g_autofree gchar *revision_tmp = NULL;
	g_autoptr(FuStructNecOddCdbInquiry) st_cdb = fu_struct_nec_odd_cdb_inquiry_new();
	g_autoptr(FuStructNecOddInquiry) st = NULL;

	fu_struct_nec_odd_cdb_inquiry_set_allocation_length(st_cdb, sizeof(buf));
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
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
	revision_tmp = fu_struct_nec_odd_inquiry_get_revision(st);
	if (revision_tmp == NULL || strlen(revision_tmp) != 4) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "INQUIRY data has no revision");
		return FALSE;
	}
	if (revision_tmp[0] == '0')
		self->bootcode = fu_memread_uint16((const guint8 *)revision_tmp + 2, G_BIG_ENDIAN);
	if (product != NULL) {
		*product = fu_struct_nec_odd_inquiry_get_product(st);
		if (*product != NULL)
			g_strstrip(*product);
	}
	if (revision != NULL)
		*revision = g_steal_pointer(&revision_tmp);
	return TRUE;
}

/* the identity shown to the user */
static gboolean
fu_nec_odd_device_ensure_identity(FuNecOddDevice *self, GError **error)
{
	g_autofree gchar *revision = NULL;

	g_clear_pointer(&self->product, g_free);
	if (!fu_nec_odd_device_inquiry(self, &self->product, &revision, error))
		return FALSE;
	fu_device_set_version(FU_DEVICE(self), revision);
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
	g_autoptr(FuStructNecOddCdbReadRam) st_cdb = NULL;

	st_cdb = fu_nec_odd_cdb_read_ram_new(address, bufsz, error);
	if (st_cdb == NULL)
		return FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
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

/* TEST UNIT READY is GOOD with a disc loaded and "no disc" without one, both
 * meaning the firmware is up; becoming ready or a unit attention are
 * FWUPD_ERROR_BUSY, which the retry loops retry */
static gboolean
fu_nec_odd_device_test_unit_ready_cb(FuDevice *device, gpointer user_data, GError **error)
{
	gboolean *has_disc = (gboolean *)user_data;
	g_autoptr(FuStructNecOddCdbTestUnitReady) st_cdb =
	    fu_struct_nec_odd_cdb_test_unit_ready_new();
	g_autoptr(GError) error_local = NULL;

	*has_disc = FALSE;
	if (!fu_nec_odd_sg_io(FU_UDEV_DEVICE(device),
			      st_cdb->buf->data,
			      st_cdb->buf->len,
			      FU_NEC_ODD_SG_DIR_NONE,
			      NULL,
			      0,
			      FU_NEC_ODD_DEVICE_TIMEOUT_SHORT,
			      &error_local)) {
		if (g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_NOT_FOUND))
			return TRUE;
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	*has_disc = TRUE;
	return TRUE;
}

static gboolean
fu_nec_odd_device_has_disc(FuNecOddDevice *self, gboolean *has_disc, GError **error)
{
	/* the bootcode cannot read discs */
	*has_disc = FALSE;
	if (self->safe_mode)
		return TRUE;
	return fu_device_retry_full(FU_DEVICE(self),
				    fu_nec_odd_device_test_unit_ready_cb,
				    FU_NEC_ODD_DEVICE_RETRY_COUNT,
				    FU_NEC_ODD_DEVICE_RETRY_DELAY,
				    has_disc,
				    error);
}

/* shown by get-devices, and fwupd refuses to update an inhibited device */
static gboolean
fu_nec_odd_device_ensure_disc_inhibit(FuNecOddDevice *self, GError **error)
{
	gboolean has_disc = FALSE;
	if (!fu_nec_odd_device_has_disc(self, &has_disc, error))
		return FALSE;
	if (has_disc)
		fu_device_inhibit(FU_DEVICE(self), "disc", "Remove the disc from the drive");
	else
		fu_device_uninhibit(FU_DEVICE(self), "disc");
	return TRUE;
}

static gboolean
fu_nec_odd_device_ensure_no_disc(FuNecOddDevice *self, GError **error)
{
	gboolean has_disc = FALSE;
	if (!fu_nec_odd_device_has_disc(self, &has_disc, error))
		return FALSE;
	if (has_disc) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NEEDS_USER_ACTION,
				    "Remove the disc from the drive, then try again");
		return FALSE;
	}
	return TRUE;
}

/* a mounted disc or a burning program must not lose the drive mid-flash */
static gboolean
fu_nec_odd_device_ensure_not_busy(FuNecOddDevice *self, GError **error)
{
	const gchar *device_file = fu_udev_device_get_device_file(FU_UDEV_DEVICE(self));
	g_autofree gchar *fn = fu_path_build(FU_PATH_KIND_PROCFS, "mounts", NULL);
	g_autofree gchar *mounts = NULL;
	gint fd;

	if (device_file == NULL)
		return TRUE;
	if (g_file_get_contents(fn, &mounts, NULL, NULL)) {
		g_auto(GStrv) lines = g_strsplit(mounts, "\n", -1);
		for (guint i = 0; lines[i] != NULL; i++) {
			g_auto(GStrv) fields = g_strsplit(lines[i], " ", 3);
			if (g_strcmp0(fields[0], device_file) == 0 && fields[1] != NULL) {
				g_set_error(
				    error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_BUSY,
				    "The drive is mounted at %s: unmount it, then try again",
				    fields[1]);
				return FALSE;
			}
		}
	}

	/* the kernel refuses O_EXCL while another program holds the drive exclusively */
	fd = g_open(device_file, O_RDONLY | O_NONBLOCK | O_EXCL, 0);
	if (fd < 0 && errno == EBUSY) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_BUSY,
				    "Another program is using the drive: close it, then try again");
		return FALSE;
	}
	if (fd >= 0)
		g_close(fd, NULL);
	return TRUE;
}

static gboolean
fu_nec_odd_device_setup(FuDevice *device, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	g_autoptr(GError) error_local = NULL;

	if (!fu_nec_odd_device_ensure_identity(self, error))
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
		fu_device_set_update_error(device, FU_NEC_ODD_DEVICE_BRIDGE_ERROR);
	} else if (self->safe_mode) {
		g_autofree gchar *name = g_strdup_printf("%s (needs recovery)", self->model->model);
		fu_device_set_name(device, name);
		fu_device_set_summary(device,
				      "An earlier firmware update was interrupted and only the "
				      "bootcode is running: install the firmware again to recover");
		fu_device_add_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);
	} else {
		fu_device_set_name(device, self->model->model);
		/* read once here, then again only when the kernel reports a media change
		 * (fu_nec_odd_device_refresh_disc) and in prepare: never polled */
		if (!fu_nec_odd_device_ensure_disc_inhibit(self, error))
			return FALSE;
	}

	/* the GUID comes from the model, so bulk and retail drives get the same
	 * firmware; the bootcode reports its own, sometimes wrong, model string */
	fu_device_add_instance_strsafe(device, "VEN", "NEC");
	fu_device_add_instance_strsafe(device,
				       "DEV",
				       self->model != NULL && self->safe_mode ? self->model->product
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
	if (self->model != NULL) {
		fu_device_add_instance_strsafe(device, "HWID", self->hardware_id);
		if (!fu_device_build_instance_id(device, error, "NEC_ODD", "HWID", NULL))
			return FALSE;
	}
	return TRUE;
}

/* the kernel sends a change uevent on the block device when a disc is inserted or
 * removed (DISK_MEDIA_CHANGE=1) or the eject button is pressed: only then is the
 * drive asked again. fwupd 2.0.20 rescans its device before a plugin sees the
 * event, which drops the event's properties, so every change uevent counts */
gboolean
fu_nec_odd_device_refresh_disc(FuNecOddDevice *self, GError **error)
{
	g_autoptr(FuDeviceLocker) locker = NULL;

	g_return_val_if_fail(FU_IS_NEC_ODD_DEVICE(self), FALSE);

	if (self->safe_mode || self->model == NULL ||
	    fu_device_has_flag(FU_DEVICE(self), FWUPD_DEVICE_FLAG_EMULATED))
		return TRUE;
	locker = fu_device_locker_new(FU_DEVICE(self), error);
	if (locker == NULL)
		return FALSE;
	return fu_nec_odd_device_ensure_disc_inhibit(self, error);
}

static gboolean
fu_nec_odd_device_safe_mode(FuNecOddDevice *self, FuNecOddSafeModeAction action, GError **error)
{
	g_autoptr(FuStructNecOddCdbSafeMode) st_cdb = NULL;

	st_cdb = fu_nec_odd_cdb_safe_mode_new(action, self->hardware_id, error);
	if (st_cdb == NULL)
		return FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_NONE,
				   NULL,
				   0,
				   FU_NEC_ODD_DEVICE_TIMEOUT_SHORT,
				   error)) {
		if (action == FU_NEC_ODD_SAFE_MODE_ACTION_ENTER)
			g_prefix_error_literal(error, "failed to enter safe mode: ");
		else
			g_prefix_error_literal(error, "failed to leave safe mode: ");
		return FALSE;
	}
	return TRUE;
}

/* after leaving safe mode the main firmware restarts: wait for it */
static gboolean
fu_nec_odd_device_wait_for_ready(FuNecOddDevice *self, GError **error)
{
	gboolean has_disc = FALSE;
	g_autofree gchar *revision = NULL;

	if (!fu_device_retry_full(FU_DEVICE(self),
				  fu_nec_odd_device_test_unit_ready_cb,
				  FU_NEC_ODD_DEVICE_READY_COUNT,
				  FU_NEC_ODD_DEVICE_READY_DELAY,
				  &has_disc,
				  error)) {
		g_prefix_error_literal(error, "the drive did not restart its firmware: ");
		return FALSE;
	}
	if (!fu_nec_odd_device_inquiry(self, NULL, &revision, error))
		return FALSE;
	if (revision[0] == '0') {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_WRITE,
				    "the drive stayed in safe mode: its firmware is not complete, "
				    "run the update again");
		return FALSE;
	}
	return TRUE;
}

/* the bootcode version is only reported in safe mode */
static gboolean
fu_nec_odd_device_ensure_bootcode(FuNecOddDevice *self, GError **error)
{
	if (self->bootcode != 0)
		return TRUE;
	if (!fu_nec_odd_device_safe_mode(self, FU_NEC_ODD_SAFE_MODE_ACTION_ENTER, error))
		return FALSE;
	if (!fu_nec_odd_device_inquiry(self, NULL, NULL, error))
		return FALSE;
	if (!fu_nec_odd_device_safe_mode(self, FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE, error))
		return FALSE;
	return fu_nec_odd_device_wait_for_ready(self, error);
}

static gboolean
fu_nec_odd_device_prepare(FuDevice *device,
			  FuProgress *progress,
			  FwupdInstallFlags flags,
			  GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);

	/* prepare_firmware only gets parse flags */
	self->force = (flags & (FWUPD_INSTALL_FLAG_FORCE | FWUPD_INSTALL_FLAG_IGNORE_VID_PID)) > 0;
	if (!fu_nec_odd_device_ensure_not_busy(self, error))
		return FALSE;
	return fu_nec_odd_device_ensure_no_disc(self, error);
}

/* install-blob and firmware-dump skip the engine's updatable check */
static gboolean
fu_nec_odd_device_ensure_model(FuNecOddDevice *self, GError **error)
{
	if (self->model == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_SUPPORTED,
				    FU_NEC_ODD_DEVICE_BRIDGE_ERROR);
		return FALSE;
	}
	return TRUE;
}

/* never liftable: an image for another bootcode bricks the drive */
static gboolean
fu_nec_odd_device_check_bootcode(FuNecOddDevice *self, GError **error)
{
	if (self->bootcode_required == 0 || self->bootcode == 0 ||
	    self->bootcode_required == self->bootcode)
		return TRUE;
	g_set_error(error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_INVALID_FILE,
		    "The image needs bootcode %c%c but this drive has %c%c: it cannot be "
		    "installed, not even with --force",
		    self->bootcode_required >> 8,
		    self->bootcode_required & 0xFF,
		    self->bootcode >> 8,
		    self->bootcode & 0xFF);
	return FALSE;
}

static gboolean
fu_nec_odd_device_check_firmware(FuNecOddDevice *self,
				 FuNecOddFirmware *firmware,
				 FuFirmwareParseFlags flags,
				 GError **error)
{
	const gchar *product = fu_nec_odd_firmware_get_product(firmware);
	guint16 bootcode = fu_nec_odd_firmware_get_bootcode(firmware);

	if (!fu_nec_odd_device_ensure_model(self, error))
		return FALSE;

	/* never liftable: another hardware ID or bootcode bricks the drive */
	if (g_strcmp0(fu_nec_odd_firmware_get_hardware_id(firmware), self->hardware_id) != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image is for hardware ID %s but this drive is %s (%s): it cannot "
			    "be installed, not even with --force",
			    fu_nec_odd_firmware_get_hardware_id(firmware),
			    self->hardware_id,
			    self->model->model);
		return FALSE;
	}
	/* known for a drive in safe mode; otherwise checked right after detach */
	self->bootcode_required = bootcode;
	if (!fu_nec_odd_device_check_bootcode(self, error))
		return FALSE;

	/* the bootcode reports its own model string, so there is nothing to compare */
	if (!self->safe_mode && g_strcmp0(product, self->product) != 0 && !self->force &&
	    (flags & FU_FIRMWARE_PARSE_FLAG_IGNORE_VID_PID) == 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image is for a %s but the drive reports %s: use --force only to "
			    "crossflash an OEM rebrand of the same hardware",
			    product,
			    self->product);
		return FALSE;
	}
	return TRUE;
}

static FuFirmware *
fu_nec_odd_device_prepare_firmware(FuDevice *device,
				   GInputStream *stream,
				   FuProgress *progress,
				   FuFirmwareParseFlags flags,
				   GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	g_autoptr(FuFirmware) firmware = g_object_new(FU_TYPE_NEC_ODD_FIRMWARE, NULL);

	/* the model strings are checked here too, as --force lifts that check */
	if (!fu_firmware_parse_stream(firmware,
				      stream,
				      0x0,
				      flags | FU_FIRMWARE_PARSE_FLAG_IGNORE_VID_PID,
				      error))
		return NULL;
	if (!fu_nec_odd_device_check_firmware(self, FU_NEC_ODD_FIRMWARE(firmware), flags, error))
		return NULL;
	return g_steal_pointer(&firmware);
}

static gboolean
fu_nec_odd_device_attach(FuDevice *device, FuProgress *progress, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	if (!fu_nec_odd_device_safe_mode(self, FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE, error))
		return FALSE;
	if (!fu_nec_odd_device_wait_for_ready(self, error))
		return FALSE;
	fu_device_remove_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);
	return TRUE;
}

static gboolean
fu_nec_odd_device_detach(FuDevice *device, FuProgress *progress, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	g_autoptr(GError) error_local = NULL;

	if (!fu_nec_odd_device_safe_mode(self, FU_NEC_ODD_SAFE_MODE_ACTION_ENTER, error))
		return FALSE;
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);

	/* only now does the drive report its bootcode: check it before anything is written */
	if (!fu_nec_odd_device_inquiry(self, NULL, NULL, &error_local) ||
	    !fu_nec_odd_device_check_bootcode(self, &error_local)) {
		g_autoptr(GError) error_attach = NULL;
		if (!fu_nec_odd_device_attach(device, progress, &error_attach))
			g_warning("failed to leave safe mode: %s", error_attach->message);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_stage(FuNecOddDevice *self, GBytes *body, FuProgress *progress, GError **error)
{
	g_autoptr(FuChunkArray) chunks = NULL;

	/* the largest WriteRAM the drive takes is eight 4 KiB pages */
	chunks = fu_chunk_array_new_from_bytes(body,
					       self->model->family->body_addr,
					       FU_CHUNK_PAGESZ_NONE,
					       FU_NEC_ODD_CDB_PAGE_SIZE * FU_NEC_ODD_CDB_PAGES_MAX);
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_set_steps(progress, fu_chunk_array_length(chunks));
	for (guint i = 0; i < fu_chunk_array_length(chunks); i++) {
		g_autoptr(FuChunk) chk = NULL;
		g_autoptr(FuStructNecOddCdbWriteRam) st_cdb = NULL;

		chk = fu_chunk_array_index(chunks, i, error);
		if (chk == NULL)
			return FALSE;
		st_cdb = fu_nec_odd_cdb_write_ram_new(fu_chunk_get_address(chk),
						      fu_chunk_get_data_sz(chk),
						      error);
		if (st_cdb == NULL)
			return FALSE;
		if (!fu_nec_odd_device_cmd(self,
					   st_cdb->buf,
					   FU_NEC_ODD_SG_DIR_OUT,
					   (guint8 *)fu_chunk_get_data(chk),
					   fu_chunk_get_data_sz(chk),
					   FU_NEC_ODD_DEVICE_TIMEOUT_SHORT,
					   error)) {
			g_prefix_error(error,
				       "failed to send the image at 0x%x: ",
				       (guint)fu_chunk_get_address(chk));
			return FALSE;
		}
		fu_progress_step_done(progress);
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_send_checksum(FuNecOddDevice *self, guint16 checksum, GError **error)
{
	g_autoptr(FuStructNecOddCdbSendChecksum) st_cdb =
	    fu_nec_odd_cdb_send_checksum_new(self->model->family, checksum);
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_NONE,
				   NULL,
				   0,
				   FU_NEC_ODD_DEVICE_TIMEOUT_SHORT,
				   error)) {
		g_prefix_error(error, "the drive rejected the checksum 0x%04x: ", checksum);
		return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_blocks(FuNecOddDevice *self,
			 FuNecOddBlockCmd cmd,
			 FuProgress *progress,
			 GError **error)
{
	const FuNecOddFamily *family = self->model->family;

	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_set_steps(progress, family->last_block - family->first_block + 1);
	for (guint block = family->first_block; block <= family->last_block; block++) {
		g_autoptr(FuStructNecOddCdbBlock) st_cdb = NULL;

		st_cdb = fu_nec_odd_cdb_block_new(family, cmd, block, error);
		if (st_cdb == NULL)
			return FALSE;
		if (!fu_nec_odd_device_cmd(self,
					   st_cdb->buf,
					   FU_NEC_ODD_SG_DIR_NONE,
					   NULL,
					   0,
					   FU_NEC_ODD_DEVICE_TIMEOUT_FLASH,
					   error)) {
			g_prefix_error(error,
				       "failed to %s block %u: ",
				       cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? "erase" : "program",
				       block);
			return FALSE;
		}
		fu_progress_step_done(progress);
	}
	return TRUE;
}

/* append the main area to buf, in the largest reads the protocol allows */
static gboolean
fu_nec_odd_device_read_body(FuNecOddDevice *self,
			    GByteArray *buf,
			    FuProgress *progress,
			    GError **error)
{
	const FuNecOddFamily *family = self->model->family;
	gsize offset = buf->len;
	g_autoptr(FuChunkArray) chunks = NULL;

	fu_byte_array_set_size(buf, offset + family->body_size, 0x00);
	chunks = fu_chunk_array_new_virtual(family->body_size,
					    family->body_addr,
					    FU_CHUNK_PAGESZ_NONE,
					    FU_NEC_ODD_CDB_READ_MAX);
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_set_steps(progress, fu_chunk_array_length(chunks));
	for (guint i = 0; i < fu_chunk_array_length(chunks); i++) {
		g_autoptr(FuChunk) chk = fu_chunk_array_index(chunks, i, error);
		if (chk == NULL)
			return FALSE;
		if (!fu_nec_odd_device_read_ram(self,
						fu_chunk_get_address(chk),
						buf->data + offset + fu_chunk_get_address(chk) -
						    family->body_addr,
						fu_chunk_get_data_sz(chk),
						error))
			return FALSE;
		fu_progress_step_done(progress);
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_verify_body(FuNecOddDevice *self,
			      GBytes *body,
			      FuProgress *progress,
			      GError **error)
{
	g_autoptr(GByteArray) buf = g_byte_array_sized_new(g_bytes_get_size(body));

	if (!fu_nec_odd_device_read_body(self, buf, progress, error)) {
		g_prefix_error_literal(error, "failed to read back: ");
		return FALSE;
	}
	if (!fu_memcmp_safe(buf->data,
			    buf->len,
			    0x0,
			    g_bytes_get_data(body, NULL),
			    g_bytes_get_size(body),
			    0x0,
			    buf->len,
			    error)) {
		g_prefix_error_literal(error, "flash contents differ from the image: ");
		return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_write_firmware(FuDevice *device,
				 FuFirmware *firmware,
				 FuProgress *progress,
				 FwupdInstallFlags flags,
				 GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	FuNecOddFirmware *firmware_nec = FU_NEC_ODD_FIRMWARE(firmware);
	g_autoptr(GBytes) body = NULL;

	/* weighted by the device time each phase takes on an Am29LV800B */
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 1, "stage");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 0, "checksum");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_ERASE, 67, "erase");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 31, "program");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_VERIFY, 1, "verify");

	body = fu_nec_odd_firmware_get_body(firmware_nec, error);
	if (body == NULL)
		return FALSE;
	if (!fu_nec_odd_device_stage(self, body, fu_progress_get_child(progress), error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_send_checksum(self,
					     fu_nec_odd_firmware_get_checksum(firmware_nec),
					     error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_blocks(self,
				      FU_NEC_ODD_BLOCK_CMD_ERASE,
				      fu_progress_get_child(progress),
				      error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_blocks(self,
				      FU_NEC_ODD_BLOCK_CMD_PROGRAM,
				      fu_progress_get_child(progress),
				      error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_verify_body(self, body, fu_progress_get_child(progress), error))
		return FALSE;
	fu_progress_step_done(progress);

	/* for reload */
	g_free(self->version_expected);
	self->version_expected = g_strdup(fu_firmware_get_version(firmware));
	return TRUE;
}

static gboolean
fu_nec_odd_device_reload(FuDevice *device, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);

	if (!fu_nec_odd_device_ensure_identity(self, error))
		return FALSE;
	if (self->version_expected != NULL &&
	    g_strcmp0(fu_device_get_version(device), self->version_expected) != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_WRITE,
			    "the drive reports %s after the update, not %s: run the update again",
			    fu_device_get_version(device),
			    self->version_expected);
		return FALSE;
	}
	if (!self->safe_mode) {
		fu_device_set_name(device, self->model->model);
		fu_device_set_summary(device, "DVD writer");
		fu_device_remove_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);
	}
	return TRUE;
}

/* the same .BIN layout as the image files, so a dump can be flashed back */
static GBytes *
fu_nec_odd_device_dump_firmware(FuDevice *device, FuProgress *progress, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	g_autoptr(GByteArray) buf = NULL;

	if (!fu_nec_odd_device_ensure_model(self, error))
		return NULL;
	if (!fu_nec_odd_device_ensure_bootcode(self, error))
		return NULL;
	buf = g_byte_array_sized_new(fu_nec_odd_family_get_image_size(self->model->family, TRUE));
	if (!fu_nec_odd_device_read_body(self, buf, progress, error))
		return NULL;
	g_byte_array_append(buf, (const guint8 *)self->hardware_id, FU_NEC_ODD_HARDWARE_ID_SIZE);
	fu_byte_array_append_uint16(buf, self->bootcode, G_BIG_ENDIAN);
	return g_bytes_new(buf->data, buf->len);
}

static FuFirmware *
fu_nec_odd_device_read_firmware(FuDevice *device, FuProgress *progress, GError **error)
{
	g_autoptr(FuFirmware) firmware = g_object_new(FU_TYPE_NEC_ODD_FIRMWARE, NULL);
	g_autoptr(GBytes) blob = fu_nec_odd_device_dump_firmware(device, progress, error);
	if (blob == NULL)
		return NULL;
	if (!fu_firmware_parse_bytes(firmware,
				     blob,
				     0x0,
				     FU_FIRMWARE_PARSE_FLAG_IGNORE_VID_PID,
				     error))
		return NULL;
	return g_steal_pointer(&firmware);
}

static void
fu_nec_odd_device_set_progress(FuDevice *device, FuProgress *progress)
{
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_add_step(progress, FWUPD_STATUS_DECOMPRESSING, 0, "prepare-fw");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_RESTART, 0, "detach");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 98, "write");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_RESTART, 2, "attach");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_BUSY, 0, "reload");
}

static void
fu_nec_odd_device_init(FuNecOddDevice *self)
{
	FuDevice *device = FU_DEVICE(self);

	fu_device_set_vendor(device, "NEC");
	fu_device_build_vendor_id(device, "SCSI", "_NEC");
	fu_device_set_summary(device, "DVD writer");
	fu_device_add_icon(device, "drive-optical");
	fu_device_add_protocol(device, "com.nec.odd");
	fu_device_set_version_format(device, FWUPD_VERSION_FORMAT_PLAIN);
	fu_device_set_install_duration(device, 25);
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_INTERNAL);
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_UPDATABLE);
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_REQUIRE_AC);
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_CAN_VERIFY_IMAGE);
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_BACKUP_BEFORE_INSTALL);
	/* NEC images carry no signature, only a 16-bit word sum */
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_UNSIGNED_PAYLOAD);
	fu_udev_device_add_open_flag(FU_UDEV_DEVICE(self), FU_IO_CHANNEL_OPEN_FLAG_READ);
	fu_udev_device_add_open_flag(FU_UDEV_DEVICE(self), FU_IO_CHANNEL_OPEN_FLAG_NONBLOCK);

	/* retry transient states only: every other error ends the retry at once */
	for (guint i = 0; i < FWUPD_ERROR_LAST; i++) {
		if (i != FWUPD_ERROR_BUSY)
			fu_device_retry_add_recovery(device, FWUPD_ERROR, i, NULL);
	}
}

static void
fu_nec_odd_device_finalize(GObject *object)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(object);
	g_free(self->hardware_id);
	g_free(self->product);
	g_free(self->version_expected);
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
	device_class->prepare = fu_nec_odd_device_prepare;
	device_class->prepare_firmware = fu_nec_odd_device_prepare_firmware;
	device_class->detach = fu_nec_odd_device_detach;
	device_class->write_firmware = fu_nec_odd_device_write_firmware;
	device_class->attach = fu_nec_odd_device_attach;
	device_class->reload = fu_nec_odd_device_reload;
	device_class->dump_firmware = fu_nec_odd_device_dump_firmware;
	device_class->read_firmware = fu_nec_odd_device_read_firmware;
	device_class->set_progress = fu_nec_odd_device_set_progress;
}
