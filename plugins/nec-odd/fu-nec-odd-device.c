/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>

#include "fu-nec-odd-answer.h"
#include "fu-nec-odd-cdb.h"
#include "fu-nec-odd-device.h"
#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-sg.h"

#define FU_NEC_ODD_DEVICE_HARDWARE_ID_AREA 0x20
/* no NEC figure exists for commands that touch no flash (INQUIRY, TEST UNIT READY,
 * ReadRAM, WriteRAM, SendChecksum, SafeMode): the kernel's sr driver gives every
 * command to an optical drive 30 s (SR_TIMEOUT, drivers/scsi/sr.h) */
#define FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND 30000 /* ms */
/* Am29LV800B datasheet maxima: sector erase 15 s, excluding the preprogramming of
 * the sector to 00h, which for a 64 KiB sector is 32768 words at the 360 us word
 * program maximum, 11.8 s: 26.8 s in all */
#define FU_NEC_ODD_DEVICE_TIMEOUT_ERASE 30000 /* ms */
/* Am29LV800B datasheet maximum: 32768 words of a 64 KiB sector at 360 us each */
#define FU_NEC_ODD_DEVICE_TIMEOUT_PROGRAM 15000 /* ms */
/* a unit attention is cleared by reporting it, a BUSY drive gets another try */
#define FU_NEC_ODD_DEVICE_RETRY_COUNT 5
#define FU_NEC_ODD_DEVICE_RETRY_DELAY 20 /* ms */
/* NOT READY, becoming ready (02/04/xx): a drive spinning up after power-on or
 * restarting its main firmware after safe mode; no NEC figure exists, a DVD drive
 * spins up in about 10 s, so wait up to 30 s, then give up */
#define FU_NEC_ODD_DEVICE_READY_COUNT 300
#define FU_NEC_ODD_DEVICE_READY_DELAY 100 /* ms */
#define FU_NEC_ODD_DEVICE_BRIDGE_ERROR                                                             \
	"The drive does not answer NEC vendor commands: connect it directly to an IDE or SATA "    \
	"port, not through a USB adapter"

/* TEMPORARY (PFW, issue 12 part 1): the old 1M model table, until the device
 * reads per-model data from nec-odd.quirk; only kept so that the tree builds */
typedef struct {
	const gchar *hardware_id;
	const gchar *model;
	const gchar *product;
	const gchar *family;
} FuNecOddModel;

static const FuNecOddModel fu_nec_odd_device_models[] = {
    {"K352", "ND-3520A", "DVD_RW ND-3520A", "1M"},
    {"K312", "ND-3520A", "DVD_RW ND-3520A", "1M"},
    {"K354", "ND-3540A", "DVD_RW ND-3540A", "1M"},
    {"K314", "ND-3540A", "DVD_RW ND-3540A", "1M"},
    {"K353", "ND-3530A", "DVD_RW ND-3530A", "1M"},
    {"K313", "ND-3530A", "DVD_RW ND-3530A", "1M"},
    {"K350", "ND-3500A", "DVD_RW ND-3500A", "1M"},
    {"K310", "ND-3100A", "DVD_RW ND-3100A", "1M"},
    {"K345", "ND-3450A", "DVD_RW ND-3450A", "1M"},
    {"K210", "ND-2100A", "DVD_RW ND-2100A", "1M-K2"},
    {"K250", "ND-2500A", "DVD_RW ND-2500A", "1M-K2"},
    {"K251", "ND-2510A", "DVD_RW ND-2510A", "1M-K2"},
};

static const FuNecOddModel *
fu_nec_odd_device_lookup_model(const gchar *hardware_id)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_device_models); i++) {
		if (g_strcmp0(hardware_id, fu_nec_odd_device_models[i].hardware_id) == 0)
			return &fu_nec_odd_device_models[i];
	}
	return NULL;
}

static const FuNecOddModel *
fu_nec_odd_device_lookup_model_by_product(const gchar *product)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_device_models); i++) {
		if (g_strcmp0(product, fu_nec_odd_device_models[i].product) == 0)
			return &fu_nec_odd_device_models[i];
	}
	return NULL;
}

struct _FuNecOddDevice {
	FuUdevDevice parent_instance;
	gchar *hardware_id; /* four printable characters, or NULL */
	gchar *product;
	const FuNecOddModel *model;
	gchar *update_error; /* why the drive cannot be updated, when model is NULL */
	gboolean safe_mode;
	gboolean safe_mode_entered; /* by this plugin: a reset from now on loses the update */
	guint16 bootcode;	    /* two ASCII digits, 0 until known */
	gboolean force;		    /* the user asked to crossflash an OEM rebrand */
	guint16 bootcode_required;  /* of the image being installed, 0 for any */
	gchar *version_expected;
};

G_DEFINE_TYPE(FuNecOddDevice, fu_nec_odd_device, FU_TYPE_UDEV_DEVICE)

typedef enum {
	FU_NEC_ODD_DEVICE_CMD_FLAG_NONE = 0,
	/* reads and checks only: sending it again changes nothing */
	FU_NEC_ODD_DEVICE_CMD_FLAG_REPEATABLE = 1 << 0,
} FuNecOddDeviceCmdFlags;

static void
fu_nec_odd_device_to_string(FuDevice *device, guint idt, GString *str)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	fwupd_codec_string_append(str, idt, "HardwareId", self->hardware_id);
	fwupd_codec_string_append(str, idt, "Product", self->product);
	fwupd_codec_string_append_bool(str, idt, "SafeMode", self->safe_mode);
	fwupd_codec_string_append_hex(str, idt, "Bootcode", self->bootcode);
	if (self->model != NULL)
		fwupd_codec_string_append(str, idt, "Family", self->model->family);
}

/* one command; only a repeatable one is sent again, and only after a transient
 * answer (BUSY, a unit attention, becoming ready); a reset while this plugin has
 * the drive in safe mode means the staged image and the mode are gone */
static gboolean
fu_nec_odd_device_cmd(FuNecOddDevice *self,
		      GByteArray *cdb,
		      FuNecOddSgDir dir,
		      guint8 *buf,
		      gsize bufsz,
		      guint timeout_ms,
		      FuNecOddDeviceCmdFlags flags,
		      GError **error)
{
	guint retries = 0;
	guint waits = 0;

	for (;;) {
		FuNecOddSgReply reply = {0};
		gboolean becoming_ready;
		g_autoptr(GError) error_local = NULL;

		if (fu_nec_odd_sg_io(FU_UDEV_DEVICE(self),
				     cdb->data,
				     cdb->len,
				     dir,
				     buf,
				     bufsz,
				     timeout_ms,
				     &reply,
				     &error_local))
			return TRUE;
		if (reply.reset && self->safe_mode_entered) {
			self->safe_mode_entered = FALSE;
			g_set_error(
			    error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_WRITE,
			    "The drive was reset during the update and lost the staged image "
			    "and safe mode (%s): run the update again",
			    error_local->message);
			return FALSE;
		}
		becoming_ready = reply.key == 0x02 && reply.asc == 0x04;
		if ((flags & FU_NEC_ODD_DEVICE_CMD_FLAG_REPEATABLE) == 0 ||
		    !g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_BUSY) ||
		    (becoming_ready ? ++waits >= FU_NEC_ODD_DEVICE_READY_COUNT
				    : ++retries >= FU_NEC_ODD_DEVICE_RETRY_COUNT)) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
		g_debug("sending again: %s", error_local->message);
		fu_device_sleep(FU_DEVICE(self),
				becoming_ready ? FU_NEC_ODD_DEVICE_READY_DELAY
					       : FU_NEC_ODD_DEVICE_RETRY_DELAY);
	}
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
	g_autofree gchar *devpath = NULL;
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
	/* "SCSI:_NEC" as sysfs spells it on this machine, "SCSI:NEC" on another */
	fu_device_build_vendor_id(device, "SCSI", vendor);

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
	devpath = fu_udev_device_get_devpath(FU_UDEV_DEVICE(target));
	physical_id = g_strdup_printf("DEVPATH=%s", devpath);
	fu_device_set_physical_id(device, physical_id);
	return TRUE;
}

/* what the running firmware reports; the bootcode alone says 0.xy */
static gboolean
fu_nec_odd_device_inquiry(FuNecOddDevice *self, gchar **product, gchar **revision, GError **error)
{
	guint8 buf[FU_NEC_ODD_ANSWER_INQUIRY_SIZE] = {0};
	g_autofree gchar *revision_tmp = NULL;
	g_autoptr(FuStructNecOddCdbInquiry) st_cdb = fu_struct_nec_odd_cdb_inquiry_new();

	/* a short transfer fails in fu_nec_odd_sg_io(): the whole answer is checked here */
	fu_struct_nec_odd_cdb_inquiry_set_allocation_length(st_cdb, sizeof(buf));
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_IN,
				   buf,
				   sizeof(buf),
				   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_REPEATABLE,
				   error)) {
		g_prefix_error_literal(error, "INQUIRY failed: ");
		return FALSE;
	}
	if (!fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), product, &revision_tmp, error))
		return FALSE;
	if (revision_tmp[0] == '0') {
		if (!fu_nec_odd_answer_parse_bootcode(revision_tmp, &self->bootcode, error))
			return FALSE;
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

	st_cdb = fu_nec_odd_cdb_read_ram_new(0, address, bufsz, NULL, error);
	if (st_cdb == NULL)
		return FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_IN,
				   buf,
				   bufsz,
				   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_REPEATABLE,
				   error)) {
		g_prefix_error(error, "failed to read 0x%x bytes at 0x%x: ", (guint)bufsz, address);
		return FALSE;
	}
	return TRUE;
}

/* a drive whose ID cannot be read or is not known is listed, never updated */
static gboolean
fu_nec_odd_device_ensure_hardware_id(FuNecOddDevice *self, GError **error)
{
	guint8 buf[FU_NEC_ODD_DEVICE_HARDWARE_ID_AREA] = {0};
	g_autoptr(GError) error_local = NULL;

	g_clear_pointer(&self->hardware_id, g_free);
	g_clear_pointer(&self->update_error, g_free);
	self->model = NULL;

	/* every supported family keeps it at the same address */
	if (!fu_nec_odd_device_read_ram(self, 0x4800, buf, sizeof(buf), &error_local)) {
		if (!g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED)) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
		self->update_error = g_strdup(FU_NEC_ODD_DEVICE_BRIDGE_ERROR);
		return TRUE;
	}
	self->hardware_id = fu_nec_odd_answer_parse_hardware_id(buf, sizeof(buf), &error_local);
	if (self->hardware_id == NULL) {
		self->update_error = g_strdup(error_local->message);
		return TRUE;
	}
	self->model = fu_nec_odd_device_lookup_model(self->hardware_id);
	if (self->model == NULL) {
		self->update_error =
		    g_strdup_printf("Unknown NEC drive with hardware ID %s: it cannot be updated",
				    self->hardware_id);
	}
	return TRUE;
}

/* TEST UNIT READY is GOOD with a disc loaded and "no disc" (02/3A, the only
 * FWUPD_ERROR_NOT_FOUND) without one, both meaning the firmware is up; a drive
 * spinning up or restarting answers NOT READY for a bounded while */
static gboolean
fu_nec_odd_device_test_unit_ready(FuNecOddDevice *self, gboolean *has_disc, GError **error)
{
	g_autoptr(FuStructNecOddCdbTestUnitReady) st_cdb =
	    fu_struct_nec_odd_cdb_test_unit_ready_new();
	g_autoptr(GError) error_local = NULL;

	*has_disc = FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_NONE,
				   NULL,
				   0,
				   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_REPEATABLE,
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
	return fu_nec_odd_device_test_unit_ready(self, has_disc, error);
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

	if (!fu_nec_odd_device_ensure_identity(self, error))
		return FALSE;

	/* behind a bridge that drops vendor commands, or with a hardware ID that is
	 * unreadable or unknown, the drive is shown, never updated */
	if (!fu_nec_odd_device_ensure_hardware_id(self, error))
		return FALSE;
	if (self->model == NULL) {
		const FuNecOddModel *model_named =
		    fu_nec_odd_device_lookup_model_by_product(self->product);
		fu_device_set_name(device,
				   model_named != NULL ? model_named->model : self->product);
		fu_device_remove_flag(device, FWUPD_DEVICE_FLAG_UPDATABLE);
		fu_device_set_update_error(device, self->update_error);
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

	st_cdb = fu_nec_odd_cdb_safe_mode_new(0, action, self->hardware_id, error);
	if (st_cdb == NULL)
		return FALSE;

	/* once leaving, a reset no longer loses anything: the drive restarts either way */
	if (action == FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE)
		self->safe_mode_entered = FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_NONE,
				   NULL,
				   0,
				   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_NONE,
				   error)) {
		if (action == FU_NEC_ODD_SAFE_MODE_ACTION_ENTER)
			g_prefix_error_literal(error, "failed to enter safe mode: ");
		else
			g_prefix_error_literal(error, "failed to leave safe mode: ");
		return FALSE;
	}
	if (action == FU_NEC_ODD_SAFE_MODE_ACTION_ENTER)
		self->safe_mode_entered = TRUE;
	return TRUE;
}

/* after leaving safe mode the main firmware restarts: wait for it */
static gboolean
fu_nec_odd_device_wait_for_ready(FuNecOddDevice *self, GError **error)
{
	gboolean has_disc = FALSE;
	g_autofree gchar *revision = NULL;

	if (!fu_nec_odd_device_test_unit_ready(self, &has_disc, error)) {
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

static gboolean
fu_nec_odd_device_leave_safe_mode(FuNecOddDevice *self, GError **error)
{
	if (!fu_nec_odd_device_safe_mode(self, FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE, error))
		return FALSE;
	return fu_nec_odd_device_wait_for_ready(self, error);
}

/* after a failure while in safe mode: the first error is the one to report */
static void
fu_nec_odd_device_leave_safe_mode_after_failure(FuNecOddDevice *self)
{
	g_autoptr(GError) error_local = NULL;
	if (!fu_nec_odd_device_leave_safe_mode(self, &error_local))
		g_warning("%s", error_local->message);
}

/* an answer other than GOOD may still have come from a drive that switched:
 * leave again, as Binflash does after any failure, unless it stopped answering */
static gboolean
fu_nec_odd_device_enter_safe_mode(FuNecOddDevice *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;

	if (fu_nec_odd_device_safe_mode(self, FU_NEC_ODD_SAFE_MODE_ACTION_ENTER, &error_local))
		return TRUE;
	if (!g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_TIMED_OUT))
		fu_nec_odd_device_leave_safe_mode_after_failure(self);
	g_propagate_error(error, g_steal_pointer(&error_local));
	return FALSE;
}

/* the drive reports 0.xy only when the bootcode runs */
static gboolean
fu_nec_odd_device_inquiry_safe_mode(FuNecOddDevice *self, GError **error)
{
	g_autofree gchar *revision = NULL;
	if (!fu_nec_odd_device_inquiry(self, NULL, &revision, error))
		return FALSE;
	if (revision[0] != '0') {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_NOT_SUPPORTED,
			    "the drive did not enter safe mode: it reports revision %s",
			    revision);
		return FALSE;
	}
	return TRUE;
}

/* install-blob and firmware-dump skip the engine's updatable check */
static gboolean
fu_nec_odd_device_ensure_model(FuNecOddDevice *self, GError **error)
{
	if (self->model == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_SUPPORTED,
				    self->update_error != NULL ? self->update_error
							       : FU_NEC_ODD_DEVICE_BRIDGE_ERROR);
		return FALSE;
	}
	return TRUE;
}

/* every path into safe mode passes these first: a known model, no mount or
 * other program holding the drive, no disc */
static gboolean
fu_nec_odd_device_ensure_can_enter_safe_mode(FuNecOddDevice *self, GError **error)
{
	if (!fu_nec_odd_device_ensure_model(self, error))
		return FALSE;
	if (!fu_nec_odd_device_ensure_not_busy(self, error))
		return FALSE;
	return fu_nec_odd_device_ensure_no_disc(self, error);
}

/* the bootcode version is only reported in safe mode */
static gboolean
fu_nec_odd_device_ensure_bootcode(FuNecOddDevice *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;

	if (self->bootcode != 0)
		return TRUE;
	if (!fu_nec_odd_device_ensure_can_enter_safe_mode(self, error))
		return FALSE;
	if (!fu_nec_odd_device_enter_safe_mode(self, error))
		return FALSE;
	if (!fu_nec_odd_device_inquiry_safe_mode(self, &error_local)) {
		fu_nec_odd_device_leave_safe_mode_after_failure(self);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	return fu_nec_odd_device_leave_safe_mode(self, error);
}

/* what one install decides must not outlive it */
static void
fu_nec_odd_device_reset_operation(FuNecOddDevice *self)
{
	self->force = FALSE;
	self->bootcode_required = 0;
	g_clear_pointer(&self->version_expected, g_free);
}

static gboolean
fu_nec_odd_device_prepare(FuDevice *device,
			  FuProgress *progress,
			  FwupdInstallFlags flags,
			  GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);

	/* the first step of every install; prepare_firmware only gets parse flags */
	fu_nec_odd_device_reset_operation(self);
	self->force = (flags & (FWUPD_INSTALL_FLAG_FORCE | FWUPD_INSTALL_FLAG_IGNORE_VID_PID)) > 0;
	return fu_nec_odd_device_ensure_can_enter_safe_mode(self, error);
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
	if (!fu_nec_odd_device_leave_safe_mode(self, error))
		return FALSE;
	fu_device_remove_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);
	return TRUE;
}

static gboolean
fu_nec_odd_device_detach(FuDevice *device, FuProgress *progress, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	g_autoptr(GError) error_local = NULL;

	if (!fu_nec_odd_device_ensure_can_enter_safe_mode(self, error))
		return FALSE;
	if (!fu_nec_odd_device_enter_safe_mode(self, error))
		return FALSE;
	fu_device_add_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);

	/* only now does the drive report its bootcode: check it before anything is written */
	if (!fu_nec_odd_device_inquiry_safe_mode(self, &error_local) ||
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
	chunks = fu_chunk_array_new_from_bytes(
	    body,
	    fu_nec_odd_family_lookup(self->model->family)->areas[0].flash_addr,
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
		st_cdb = fu_nec_odd_cdb_write_ram_new(0,
						      fu_chunk_get_address(chk),
						      fu_chunk_get_data_sz(chk),
						      error);
		if (st_cdb == NULL)
			return FALSE;
		if (!fu_nec_odd_device_cmd(self,
					   st_cdb->buf,
					   FU_NEC_ODD_SG_DIR_OUT,
					   (guint8 *)fu_chunk_get_data(chk),
					   fu_chunk_get_data_sz(chk),
					   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
					   FU_NEC_ODD_DEVICE_CMD_FLAG_NONE,
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
fu_nec_odd_device_send_checksum(FuNecOddDevice *self,
				const FuNecOddChecksum *cs,
				guint16 checksum,
				GError **error)
{
	g_autoptr(FuStructNecOddCdbSendChecksum) st_cdb =
	    fu_nec_odd_cdb_send_checksum_new(0, cs->index, checksum, error);
	if (st_cdb == NULL)
		return FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_NONE,
				   NULL,
				   0,
				   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_NONE,
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
	const FuNecOddFamily *family = fu_nec_odd_family_lookup(self->model->family);
	const FuNecOddArea *area = &family->areas[0];
	const guint8 *blocks = cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? area->erase_blocks
								 : area->program_blocks;
	guint n_blocks = cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? area->n_erase_blocks
							   : area->n_program_blocks;

	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_set_steps(progress, n_blocks);
	for (guint i = 0; i < n_blocks; i++) {
		guint block = blocks[i];
		g_autoptr(FuStructNecOddCdbBlock) st_cdb = NULL;

		st_cdb = fu_nec_odd_cdb_block_new(family, area, cmd, block, error);
		if (st_cdb == NULL)
			return FALSE;
		if (!fu_nec_odd_device_cmd(self,
					   st_cdb->buf,
					   FU_NEC_ODD_SG_DIR_NONE,
					   NULL,
					   0,
					   cmd == FU_NEC_ODD_BLOCK_CMD_ERASE
					       ? FU_NEC_ODD_DEVICE_TIMEOUT_ERASE
					       : FU_NEC_ODD_DEVICE_TIMEOUT_PROGRAM,
					   FU_NEC_ODD_DEVICE_CMD_FLAG_NONE,
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
	const FuNecOddArea *area = &fu_nec_odd_family_lookup(self->model->family)->areas[0];
	gsize offset = buf->len;
	g_autoptr(FuChunkArray) chunks = NULL;

	fu_byte_array_set_size(buf, offset + area->size, 0x00);
	chunks = fu_chunk_array_new_virtual(area->size,
					    area->flash_addr,
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
						    area->flash_addr,
						fu_chunk_get_data_sz(chk),
						error))
			return FALSE;
		fu_progress_step_done(progress);
	}
	return TRUE;
}

/* bootcode and settings: bank 0 below the first area, which nothing may change */
static GByteArray *
fu_nec_odd_device_read_protected(FuNecOddDevice *self, GError **error)
{
	const FuNecOddFamily *family = fu_nec_odd_family_lookup(self->model->family);
	guint32 size = fu_nec_odd_family_get_protected_size(family);
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(FuChunkArray) chunks =
	    fu_chunk_array_new_virtual(size, 0x0, FU_CHUNK_PAGESZ_NONE, FU_NEC_ODD_CDB_READ_MAX);

	fu_byte_array_set_size(buf, size, 0x00);
	for (guint i = 0; i < fu_chunk_array_length(chunks); i++) {
		g_autoptr(FuChunk) chk = fu_chunk_array_index(chunks, i, error);
		if (chk == NULL)
			return NULL;
		if (!fu_nec_odd_device_read_ram(self,
						fu_chunk_get_address(chk),
						buf->data + fu_chunk_get_address(chk),
						fu_chunk_get_data_sz(chk),
						error)) {
			g_prefix_error_literal(error, "failed to read the bootcode and settings: ");
			return NULL;
		}
	}
	return g_steal_pointer(&buf);
}

/* the canary: bootcode and settings read the same after the update as before */
static gboolean
fu_nec_odd_device_check_protected(FuNecOddDevice *self, GByteArray *before, GError **error)
{
	g_autoptr(GByteArray) after = fu_nec_odd_device_read_protected(self, error);

	if (after == NULL)
		return FALSE;
	if (after->len != before->len || memcmp(before->data, after->data, after->len) != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_WRITE,
			    "The bootcode and settings (0x00000-0x%05x) changed during the update: "
			    "the drive may not boot",
			    before->len - 1);
		return FALSE;
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
	const FuNecOddArea *area = &fu_nec_odd_family_lookup(self->model->family)->areas[0];
	g_autoptr(GBytes) body = NULL;
	g_autoptr(GByteArray) protected_before = NULL;

	/* weighted by the device time each phase takes on an Am29LV800B */
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 1, "stage");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 0, "checksum");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_READ, 0, "canary");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_ERASE, 67, "erase");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 31, "program");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_VERIFY, 0, "canary");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_VERIFY, 1, "verify");

	body = fu_nec_odd_firmware_get_area_data(firmware_nec, area, error);
	if (body == NULL)
		return FALSE;
	if (!fu_nec_odd_device_stage(self, body, fu_progress_get_child(progress), error))
		return FALSE;
	fu_progress_step_done(progress);
	for (guint i = 0; i < area->n_checksums; i++) {
		guint16 checksum = 0;
		if (!fu_nec_odd_firmware_get_checksum(firmware_nec,
						      &area->checksums[i],
						      &checksum,
						      error))
			return FALSE;
		if (!fu_nec_odd_device_send_checksum(self, &area->checksums[i], checksum, error))
			return FALSE;
	}
	fu_progress_step_done(progress);
	protected_before = fu_nec_odd_device_read_protected(self, error);
	if (protected_before == NULL)
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
	if (!fu_nec_odd_device_check_protected(self, protected_before, error))
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
		g_clear_pointer(&self->version_expected, g_free);
		return FALSE;
	}
	g_clear_pointer(&self->version_expected, g_free);
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
	buf = g_byte_array_sized_new(
	    fu_nec_odd_family_get_image_size(fu_nec_odd_family_lookup(self->model->family), TRUE));
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
}

static void
fu_nec_odd_device_finalize(GObject *object)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(object);
	g_free(self->hardware_id);
	g_free(self->product);
	g_free(self->update_error);
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
