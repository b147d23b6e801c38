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
#include "fu-nec-odd-model.h"
#include "fu-nec-odd-sg.h"

/* no NEC figure exists for commands that touch no flash (INQUIRY, TEST UNIT READY,
 * ReadRAM, WriteRAM, SendChecksum, SafeMode): the kernel's sr driver gives every
 * command to an optical drive 30 s (SR_TIMEOUT, drivers/scsi/sr.h) */
#define FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND 30000 /* ms */
/* Am29LV800B datasheet maxima: sector erase 15 s, excluding the preprogramming of
 * the sector to 00h, which for a 64 KiB sector is 32768 words at the 360 us word
 * program maximum, 11.8 s: 26.8 s in all; per 64 KiB for an EraseBank */
#define FU_NEC_ODD_DEVICE_TIMEOUT_ERASE	     30000 /* ms */
#define FU_NEC_ODD_DEVICE_TIMEOUT_ERASE_UNIT 0x10000
/* Am29LV800B datasheet maximum: 32768 words of a 64 KiB sector at 360 us each */
#define FU_NEC_ODD_DEVICE_TIMEOUT_PROGRAM 15000 /* ms */
/* where the families keep the hardware ID, in the order Binflash reads them:
 * 640K and 768K, then 1M and 2M */
#define FU_NEC_ODD_DEVICE_ID_ADDR_FIRST	 0x4500
#define FU_NEC_ODD_DEVICE_ID_ADDR_SECOND 0x4800
/* every family's bootcode (Binflash's GetBootcodeSizeFromDriveType); settings follow */
#define FU_NEC_ODD_DEVICE_BOOTCODE_SIZE 0x4000
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

struct _FuNecOddDevice {
	FuUdevDevice parent_instance;
	gchar *hardware_id;	      /* four printable characters, or NULL */
	FuNecOddModel *model;	      /* nec-odd.quirk's section of the hardware ID */
	const FuNecOddFamily *family; /* NULL unless the drive can be updated */
	gchar *product;
	gchar *update_error; /* why the drive cannot be updated, when family is NULL */
	gboolean safe_mode;
	gboolean safe_mode_entered; /* by this plugin: a reset from now on loses the update */
	guint8 safe_mode_bank;	    /* of the session the plugin opened last */
	guint16 bootcode;	    /* two ASCII digits, 0 until known */
	gboolean has_dump_id;	    /* dump-needs-id drives: the firmware ID is known */
	guint8 dump_id;
	gboolean force;		   /* the user asked to crossflash an OEM rebrand */
	guint16 bootcode_required; /* of the image being installed, 0 for any */
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
	fwupd_codec_string_append(str, idt, "Model", self->model->model);
	fwupd_codec_string_append(str, idt, "Family", self->model->family_name);
	fwupd_codec_string_append(str, idt, "SafeModeKey", self->model->key);
	if (self->has_dump_id)
		fwupd_codec_string_append_hex(str, idt, "DumpId", self->dump_id);
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

/* @dump_id: the firmware ID dump-needs-id drives want in safe mode, or NULL */
static gboolean
fu_nec_odd_device_read_ram(FuNecOddDevice *self,
			   guint8 bank,
			   guint32 address,
			   const guint8 *dump_id,
			   guint8 *buf,
			   gsize bufsz,
			   GError **error)
{
	g_autoptr(FuStructNecOddCdbReadRam) st_cdb = NULL;

	st_cdb = fu_nec_odd_cdb_read_ram_new(bank, address, bufsz, dump_id, error);
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
		g_prefix_error(error,
			       "failed to read 0x%x bytes at 0x%x%s: ",
			       (guint)bufsz,
			       address,
			       bank != 0 ? " of bank 1" : "");
		return FALSE;
	}
	return TRUE;
}

/* a hit at the first address counts only for a family that keeps its ID there:
 * on the other drives it is settings that may look like an ID */
static gchar *
fu_nec_odd_device_read_hardware_id_first(FuNecOddDevice *self, GError **error)
{
	guint8 buf[FU_NEC_ODD_FAMILY_ID_READ_SIZE] = {0};
	const FuNecOddFamily *family;
	g_autofree gchar *hardware_id = NULL;
	g_autoptr(FuNecOddModel) model = NULL;
	g_autoptr(GError) error_local = NULL;

	if (!fu_nec_odd_device_read_ram(self,
					0,
					FU_NEC_ODD_DEVICE_ID_ADDR_FIRST,
					NULL,
					buf,
					sizeof(buf),
					&error_local)) {
		/* a rejected read is "no match", as for Binflash */
		if (g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA)) {
			g_debug("no hardware ID at 0x4500: %s", error_local->message);
			return NULL;
		}
		g_propagate_error(error, g_steal_pointer(&error_local));
		return NULL;
	}
	hardware_id = fu_nec_odd_answer_parse_hardware_id(buf, sizeof(buf), NULL);
	if (hardware_id == NULL)
		return NULL;
	model =
	    fu_nec_odd_model_new_from_quirks(fu_device_get_context(FU_DEVICE(self)), hardware_id);
	if (model == NULL || model->file_only)
		return NULL;
	family = fu_nec_odd_model_get_family(model);
	if (family == NULL || family->id_addr != FU_NEC_ODD_DEVICE_ID_ADDR_FIRST)
		return NULL;
	return g_steal_pointer(&hardware_id);
}

/* Binflash's crossflash check (NecOddXflashGroup): within a group, the 4th
 * and 7th characters of the model name in the settings area ("ND-3551A")
 * name the drive type, e.g. a real ND-7551A reads L350 at its ID address */
#define FU_NEC_ODD_DEVICE_RID_VENDOR_OFFSET 0x20
#define FU_NEC_ODD_DEVICE_RID_CHAR1_OFFSET  0x43
#define FU_NEC_ODD_DEVICE_RID_CHAR2_OFFSET  0x46

static const struct {
	const gchar *group;
	gchar char1;
	gchar char2;
	const gchar *key;
} fu_nec_odd_device_xflash[] = {
    {"K355", '3', '0', "K355"},
    {"K355", '3', '1', "K356"},
    {"K355", '4', '0', "K450"},
    {"K355", '4', '1', "K451"},
    {"L252", '6', '0', "L252"},
    {"L252", '6', '1', "L253"},
    {"L252", '7', '0', "L350"},
    {"L252", '7', '1', "L351"},
    {"K365", '3', '0', "K365"},
    {"K365", '3', '1', "K366"},
    {"K365", '4', '0', "K460"},
    {"K365", '4', '1', "K461"},
    {"K370", '3', '0', "K370"},
    {"K370", '3', '1', "K371"},
    {"K370", '4', '0', "K470"},
    {"K370", '4', '1', "K471"},
};

/* the drive type the settings area names, or NULL to keep the hardware ID's */
static const gchar *
fu_nec_odd_device_xflash_key(FuNecOddDevice *self, const FuNecOddFamily *family)
{
	guint8 buf[FU_NEC_ODD_FAMILY_RID_READ_SIZE] = {0};
	g_autoptr(GError) error_local = NULL;

	if (self->model->xflash_group == NULL)
		return NULL;
	/* Binflash rejects such a drive; keeping the hardware ID's type is as safe,
	 * since the canonical key still has to be accepted */
	if (!fu_nec_odd_device_read_ram(self,
					0,
					family->rid_addr,
					NULL,
					buf,
					sizeof(buf),
					&error_local)) {
		g_info("no settings area: %s", error_local->message);
		return NULL;
	}
	/* only NEC's and Sony's settings name the model there */
	if (memcmp(buf + FU_NEC_ODD_DEVICE_RID_VENDOR_OFFSET, "NEC", 3) != 0 &&
	    memcmp(buf + FU_NEC_ODD_DEVICE_RID_VENDOR_OFFSET, "Sony", 4) != 0 &&
	    memcmp(buf + FU_NEC_ODD_DEVICE_RID_VENDOR_OFFSET, "SONY", 4) != 0)
		return NULL;
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_device_xflash); i++) {
		if (g_strcmp0(fu_nec_odd_device_xflash[i].group, self->model->xflash_group) == 0 &&
		    fu_nec_odd_device_xflash[i].char1 == buf[FU_NEC_ODD_DEVICE_RID_CHAR1_OFFSET] &&
		    fu_nec_odd_device_xflash[i].char2 == buf[FU_NEC_ODD_DEVICE_RID_CHAR2_OFFSET])
			return fu_nec_odd_device_xflash[i].key;
	}
	return NULL;
}

/* a crossflashed drive: the type of its settings area replaces the hardware ID's */
static void
fu_nec_odd_device_ensure_xflash(FuNecOddDevice *self, const FuNecOddFamily *family)
{
	const gchar *key = fu_nec_odd_device_xflash_key(self, family);
	g_autoptr(FuNecOddModel) model = NULL;

	if (key == NULL || g_strcmp0(key, self->model->key) == 0)
		return;
	model = fu_nec_odd_model_new_from_quirks(fu_device_get_context(FU_DEVICE(self)), key);
	if (model == NULL || fu_nec_odd_model_get_family(model) != family) {
		g_warning("the settings area names drive type %s, which is not of the %s family",
			  key,
			  family->name);
		return;
	}
	g_info("hardware ID %s is type %s, the settings area names %s (%s): using %s",
	       self->hardware_id,
	       self->model->key,
	       model->key,
	       model->model,
	       model->key);
	fu_nec_odd_model_free(self->model);
	self->model = g_steal_pointer(&model);
}

/* the quirk section of the ID decides what the drive is */
static void
fu_nec_odd_device_set_model_from_quirks(FuNecOddDevice *self)
{
	FuDevice *device = FU_DEVICE(self);
	const FuNecOddFamily *family = fu_nec_odd_model_get_family(self->model);
	gsize size = 0;
	g_autoptr(GError) error_local = NULL;

	if (self->model->family_name == NULL) {
		self->update_error =
		    g_strdup_printf("Unknown NEC drive with hardware ID %s: it cannot be updated",
				    self->hardware_id);
		return;
	}
	if (self->model->file_only) {
		self->update_error =
		    g_strdup_printf("The drive reports hardware ID %s, which only image files "
				    "carry: it cannot be updated",
				    self->hardware_id);
		return;
	}
	if (family == NULL) {
		self->update_error =
		    g_strdup_printf("The %s (hardware ID %s) is not supported: it cannot be "
				    "updated by this plugin",
				    self->model->model != NULL ? self->model->model : "drive",
				    self->hardware_id);
		return;
	}
	self->model->dump_needs_id =
	    fu_device_has_private_flag(device, FU_NEC_ODD_MODEL_FLAG_DUMP_NEEDS_ID);
	fu_nec_odd_device_ensure_xflash(self, family);
	/* no connection byte is known for some slim types: Binflash refuses them */
	if (self->model->is_laptop && self->model->laptop_master == NULL &&
	    self->model->laptop_slave == NULL) {
		self->update_error =
		    g_strdup_printf("No master or slave firmware ID is known for the %s (%s): it "
				    "cannot be updated",
				    self->model->model,
				    self->model->key);
		return;
	}
	self->family = family;

	/* 25 s for the 1M family's 0xFA000 bytes, the others in proportion */
	for (guint i = 0; i < family->n_areas; i++)
		size += family->areas[i].size;
	fu_device_set_install_duration(device, 25 * size / 0xFA000);

	/* only a drive this plugin can update gets a GUID from its hardware ID */
	if (!fu_device_build_instance_id(device, &error_local, "NEC_ODD", "HWID", NULL))
		g_warning("%s", error_local->message);
}

/* a drive whose ID cannot be read or is not known is listed, never updated */
static gboolean
fu_nec_odd_device_ensure_hardware_id(FuNecOddDevice *self, GError **error)
{
	guint8 buf[FU_NEC_ODD_FAMILY_ID_READ_SIZE] = {0};
	g_autoptr(GError) error_local = NULL;

	g_clear_pointer(&self->hardware_id, g_free);
	g_clear_pointer(&self->update_error, g_free);
	self->family = NULL;

	/* 640K and 768K drives keep it at 0x4500, the others at 0x4800 */
	self->hardware_id = fu_nec_odd_device_read_hardware_id_first(self, &error_local);
	if (self->hardware_id == NULL && error_local == NULL) {
		if (fu_nec_odd_device_read_ram(self,
					       0,
					       FU_NEC_ODD_DEVICE_ID_ADDR_SECOND,
					       NULL,
					       buf,
					       sizeof(buf),
					       &error_local)) {
			self->hardware_id =
			    fu_nec_odd_answer_parse_hardware_id(buf, sizeof(buf), &error_local);
			if (self->hardware_id == NULL) {
				self->update_error = g_strdup(error_local->message);
				return TRUE;
			}
		}
	}
	if (error_local != NULL) {
		if (!g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED)) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
		self->update_error = g_strdup(FU_NEC_ODD_DEVICE_BRIDGE_ERROR);
		return TRUE;
	}

	/* fwupd calls set_quirk_kv for every key of the ID's section */
	fu_device_add_instance_strsafe(FU_DEVICE(self), "HWID", self->hardware_id);
	if (!fu_device_build_instance_id_full(FU_DEVICE(self),
					      FU_DEVICE_INSTANCE_FLAG_QUIRKS,
					      error,
					      "NEC_ODD",
					      "HWID",
					      NULL))
		return FALSE;
	fu_nec_odd_device_set_model_from_quirks(self);
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
	if (self->family == NULL) {
		/* an unsupported model is named by nec-odd.quirk, any other by INQUIRY */
		fu_device_set_name(device,
				   self->model->model != NULL && !self->model->file_only
				       ? self->model->model
				       : self->product);
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
				       self->family != NULL && self->safe_mode &&
					       self->model->product != NULL
					   ? self->model->product
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

	if (self->safe_mode || self->family == NULL ||
	    fu_device_has_flag(FU_DEVICE(self), FWUPD_DEVICE_FLAG_EMULATED))
		return TRUE;
	locker = fu_device_locker_new(FU_DEVICE(self), error);
	if (locker == NULL)
		return FALSE;
	return fu_nec_odd_device_ensure_disc_inhibit(self, error);
}

static gboolean
fu_nec_odd_device_safe_mode(FuNecOddDevice *self,
			    guint8 bank,
			    FuNecOddSafeModeAction action,
			    GError **error)
{
	g_autoptr(FuStructNecOddCdbSafeMode) st_cdb = NULL;

	/* the drive type's canonical key, never the bytes read: a K312 drive takes K352 */
	st_cdb = fu_nec_odd_cdb_safe_mode_new(bank, action, self->model->key, error);
	if (st_cdb == NULL)
		return FALSE;

	/* once leaving, a reset no longer loses anything: the drive restarts either way */
	if (action == FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE)
		self->safe_mode_entered = FALSE;
	else
		self->safe_mode_bank = bank;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_NONE,
				   NULL,
				   0,
				   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_NONE,
				   error)) {
		g_prefix_error(error,
			       "failed to %s safe mode with key %s: ",
			       action == FU_NEC_ODD_SAFE_MODE_ACTION_ENTER ? "enter" : "leave",
			       self->model->key);
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

/* the bank bit of the session opened last, as Binflash leaves each bank it entered */
static gboolean
fu_nec_odd_device_leave_safe_mode(FuNecOddDevice *self, GError **error)
{
	if (!fu_nec_odd_device_safe_mode(self,
					 self->safe_mode_bank,
					 FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE,
					 error))
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
fu_nec_odd_device_enter_safe_mode(FuNecOddDevice *self, guint8 bank, GError **error)
{
	g_autoptr(GError) error_local = NULL;

	if (fu_nec_odd_device_safe_mode(self,
					bank,
					FU_NEC_ODD_SAFE_MODE_ACTION_ENTER,
					&error_local))
		return TRUE;
	if (!g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_TIMED_OUT))
		fu_nec_odd_device_leave_safe_mode_after_failure(self);
	/* the key of the type Binflash probes for when the canonical one is refused */
	if (self->model->probe_key != NULL &&
	    g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA)) {
		g_prefix_error(&error_local,
			       "the bootcode may be that of drive type %s: ",
			       self->model->probe_key);
	}
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
fu_nec_odd_device_ensure_updatable(FuNecOddDevice *self, GError **error)
{
	if (self->family == NULL) {
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
	if (!fu_nec_odd_device_ensure_updatable(self, error))
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
	if (!fu_nec_odd_device_enter_safe_mode(self, 0, error))
		return FALSE;
	if (!fu_nec_odd_device_inquiry_safe_mode(self, &error_local)) {
		fu_nec_odd_device_leave_safe_mode_after_failure(self);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	return fu_nec_odd_device_leave_safe_mode(self, error);
}

/* the internal firmware ID of dump-needs-id drives (body byte 0), which the
 * drive gives without it only in normal mode and only as one byte */
static gboolean
fu_nec_odd_device_ensure_dump_id(FuNecOddDevice *self, GError **error)
{
	guint8 buf[4] = {0};
	g_autoptr(FuStructNecOddCdbReadRam) st_cdb = NULL;

	if (!self->model->dump_needs_id || self->has_dump_id)
		return TRUE;
	if (self->safe_mode || self->safe_mode_entered) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_SUPPORTED,
				    "the drive gives its firmware ID only while its firmware runs: "
				    "install a firmware first");
		return FALSE;
	}
	/* a length of 1 transfers one 32-bit word */
	st_cdb = fu_nec_odd_cdb_read_ram_new(0, self->family->dump_id_addr, 1, NULL, error);
	if (st_cdb == NULL)
		return FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_IN,
				   buf,
				   sizeof(buf),
				   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_REPEATABLE,
				   error)) {
		g_prefix_error_literal(error, "failed to read the firmware ID: ");
		return FALSE;
	}
	self->dump_id = buf[0];
	self->has_dump_id = TRUE;
	return TRUE;
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
	if (!fu_nec_odd_device_ensure_can_enter_safe_mode(self, error))
		return FALSE;

	/* the backup is read in safe mode, where the ID is needed but not given */
	if (!self->safe_mode)
		return fu_nec_odd_device_ensure_dump_id(self, error);
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

/* the drive type: family and canonical key of the trailer ID's quirk section */
static gboolean
fu_nec_odd_device_check_drive_type(FuNecOddDevice *self, FuNecOddFirmware *firmware, GError **error)
{
	const gchar *hardware_id = fu_nec_odd_firmware_get_hardware_id(firmware);
	const FuNecOddFamily *family_layout = fu_nec_odd_firmware_get_family(firmware);
	const FuNecOddFamily *family_image = NULL;
	g_autoptr(FuNecOddModel) model_image = NULL;

	if (hardware_id != NULL) {
		model_image =
		    fu_nec_odd_model_new_from_quirks(fu_device_get_context(FU_DEVICE(self)),
						     hardware_id);
	}
	if (model_image != NULL)
		family_image = fu_nec_odd_model_get_family(model_image);
	if (family_image == NULL) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image is for hardware ID %s, which is not a known NEC drive: it "
			    "cannot be installed, not even with --force",
			    hardware_id);
		return FALSE;
	}
	if (!fu_nec_odd_firmware_has_layout(firmware, family_image)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image is for hardware ID %s, a %s-family drive, but is laid out "
			    "as a %s-family image: the file is damaged",
			    hardware_id,
			    family_image->name,
			    family_layout != NULL ? family_layout->name : "unknown");
		return FALSE;
	}
	if (family_image != self->family) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image is for hardware ID %s but this drive is %s (%s): the image "
			    "is for the %s flash family, the drive is of the %s family; it cannot "
			    "be installed, not even with --force",
			    hardware_id,
			    self->hardware_id,
			    self->model->model,
			    family_image->name,
			    self->family->name);
		return FALSE;
	}
	if (g_strcmp0(model_image->key, self->model->key) != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image is for hardware ID %s but this drive is %s (%s): the image "
			    "is for drive type %s (%s), the drive is %s; it cannot be installed, "
			    "not even with --force",
			    hardware_id,
			    self->hardware_id,
			    self->model->model,
			    model_image->key,
			    model_image->model,
			    self->model->key);
		return FALSE;
	}
	return TRUE;
}

/* slim drives: the firmware is built for the master or the slave connection
 * (its byte at the model's offset) and must match the drive's */
static gboolean
fu_nec_odd_device_check_laptop(FuNecOddDevice *self, FuNecOddFirmware *firmware, GError **error)
{
	const FuNecOddArea *area = &self->family->areas[0];
	guint8 buf[4] = {0xFF};
	guint8 image_byte = 0;
	guint16 bootcode;
	FuNecOddLaptopClass image_class;
	FuNecOddLaptopClass drive_class;
	g_autoptr(FuDeviceLocker) locker = NULL;
	g_autoptr(GError) error_local = NULL;

	if (!fu_nec_odd_firmware_get_byte(firmware,
					  area->file_offset + self->model->laptop_offset,
					  &image_byte,
					  error))
		return FALSE;
	image_class = fu_nec_odd_model_get_laptop_class(self->model, image_byte);
	if (image_class == FU_NEC_ODD_LAPTOP_CLASS_NONE) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image has connection byte 0x%02x, neither master nor slave "
			    "firmware of the %s: it cannot be installed",
			    image_byte,
			    self->model->model);
		return FALSE;
	}

	/* the engine prepares the firmware with the device closed; a failed read
	 * counts as erased flash, as for Binflash */
	locker = fu_device_locker_new(FU_DEVICE(self), error);
	if (locker == NULL)
		return FALSE;
	if (!fu_nec_odd_device_read_ram(self,
					area->bank,
					area->flash_addr + self->model->laptop_offset,
					NULL,
					buf,
					sizeof(buf),
					&error_local)) {
		g_debug("connection byte unreadable: %s", error_local->message);
		buf[0] = 0xFF;
	}
	drive_class = fu_nec_odd_model_get_laptop_class(self->model, buf[0]);
	if (drive_class == image_class)
		return TRUE;
	if (buf[0] != 0xFF) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The image is %s firmware but the drive runs %s firmware (connection "
			    "byte 0x%02x): it cannot be installed, not even with --force",
			    fu_nec_odd_model_laptop_class_to_string(image_class),
			    fu_nec_odd_model_laptop_class_to_string(drive_class),
			    buf[0]);
		return FALSE;
	}

	/* erased flash, e.g. an interrupted update: the bootcode tells the connection,
	 * and it is compared with the image class's right after entering safe mode */
	bootcode = fu_nec_odd_model_get_laptop_bootcode(self->model, image_class);
	g_info("connection byte erased: %s firmware needs bootcode %c%c",
	       fu_nec_odd_model_laptop_class_to_string(image_class),
	       bootcode >> 8,
	       bootcode & 0xFF);
	if (bootcode == 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "The drive's firmware does not say whether it is connected as master "
			    "or slave, and no bootcode is known for %s firmware: it cannot be "
			    "installed",
			    fu_nec_odd_model_laptop_class_to_string(image_class));
		return FALSE;
	}
	self->bootcode_required = bootcode;
	return TRUE;
}

static gboolean
fu_nec_odd_device_check_firmware(FuNecOddDevice *self,
				 FuNecOddFirmware *firmware,
				 FuFirmwareParseFlags flags,
				 GError **error)
{
	const gchar *product = fu_nec_odd_firmware_get_product(firmware);

	if (!fu_nec_odd_device_ensure_updatable(self, error))
		return FALSE;

	/* never liftable: another drive type bricks the drive */
	if (!fu_nec_odd_device_check_drive_type(self, firmware, error))
		return FALSE;

	/* known for a drive in safe mode; otherwise checked right after detach */
	if (self->model->is_laptop) {
		if (!fu_nec_odd_device_check_laptop(self, firmware, error))
			return FALSE;
	} else {
		self->bootcode_required = fu_nec_odd_firmware_get_bootcode(firmware);
	}
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

	/* a drive in safe mode cannot give its firmware ID: the image's is the one */
	if (self->model->dump_needs_id && !self->has_dump_id) {
		if (!fu_nec_odd_firmware_get_byte(firmware,
						  self->family->areas[0].file_offset +
						      self->family->dump_id_addr -
						      self->family->areas[0].flash_addr,
						  &self->dump_id,
						  error))
			return FALSE;
		self->has_dump_id = TRUE;
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
	if (!fu_nec_odd_device_enter_safe_mode(self, self->family->areas[0].bank, error))
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

/* Binflash's WriteRAM split of the area: the image part at each RAM address */
static gboolean
fu_nec_odd_device_stage(FuNecOddDevice *self,
			const FuNecOddArea *area,
			GBytes *data,
			FuProgress *progress,
			GError **error)
{
	guint n_cmds = 0;

	for (guint i = 0; i < area->n_runs; i++)
		n_cmds += area->runs[i].count;
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_set_steps(progress, n_cmds);
	for (guint i = 0; i < area->n_runs; i++) {
		const FuNecOddWriteRun *run = &area->runs[i];
		gsize size = (gsize)run->pages * FU_NEC_ODD_CDB_PAGE_SIZE;
		for (guint j = 0; j < run->count; j++) {
			guint32 addr = run->addr + j * size;
			g_autoptr(GBytes) blob = NULL;
			g_autoptr(FuStructNecOddCdbWriteRam) st_cdb = NULL;

			if (addr < area->flash_addr ||
			    addr + size > area->flash_addr + area->size) {
				g_set_error(error,
					    FWUPD_ERROR,
					    FWUPD_ERROR_INTERNAL,
					    "WriteRAM at 0x%x is outside the area",
					    addr);
				return FALSE;
			}
			blob = fu_bytes_new_offset(data, addr - area->flash_addr, size, error);
			if (blob == NULL)
				return FALSE;
			st_cdb = fu_nec_odd_cdb_write_ram_new(area->bank, addr, size, error);
			if (st_cdb == NULL)
				return FALSE;
			if (!fu_nec_odd_device_cmd(self,
						   st_cdb->buf,
						   FU_NEC_ODD_SG_DIR_OUT,
						   (guint8 *)g_bytes_get_data(blob, NULL),
						   size,
						   FU_NEC_ODD_DEVICE_TIMEOUT_COMMAND,
						   FU_NEC_ODD_DEVICE_CMD_FLAG_NONE,
						   error)) {
				g_prefix_error(error, "failed to send the image at 0x%x: ", addr);
				return FALSE;
			}
			fu_progress_step_done(progress);
		}
	}
	return TRUE;
}

/* the words the drive checks the staged image against, in the family's order */
static gboolean
fu_nec_odd_device_send_checksums(FuNecOddDevice *self,
				 const FuNecOddArea *area,
				 FuNecOddFirmware *firmware,
				 GError **error)
{
	for (guint i = 0; i < area->n_checksums; i++) {
		const FuNecOddChecksum *checksum = &area->checksums[i];
		guint16 word = 0;
		g_autoptr(FuStructNecOddCdbSendChecksum) st_cdb = NULL;

		if (!fu_nec_odd_firmware_get_checksum(firmware, checksum, &word, error))
			return FALSE;
		st_cdb = fu_nec_odd_cdb_send_checksum_new(area->bank, checksum->index, word, error);
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
			g_prefix_error(error, "the drive rejected the checksum 0x%04x: ", word);
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_erase_bank(FuNecOddDevice *self, const FuNecOddArea *area, GError **error)
{
	guint units = MAX(1, area->size / FU_NEC_ODD_DEVICE_TIMEOUT_ERASE_UNIT);
	g_autoptr(FuStructNecOddCdbEraseBank) st_cdb = NULL;

	st_cdb = fu_nec_odd_cdb_erase_bank_new(area, error);
	if (st_cdb == NULL)
		return FALSE;
	if (!fu_nec_odd_device_cmd(self,
				   st_cdb->buf,
				   FU_NEC_ODD_SG_DIR_NONE,
				   NULL,
				   0,
				   FU_NEC_ODD_DEVICE_TIMEOUT_ERASE * units,
				   FU_NEC_ODD_DEVICE_CMD_FLAG_NONE,
				   error)) {
		g_prefix_error(error, "failed to erase bank %u: ", area->bank);
		return FALSE;
	}
	return TRUE;
}

/* one block per command, in the family's order; the builder refuses any block
 * outside the area's lists */
static gboolean
fu_nec_odd_device_blocks(FuNecOddDevice *self,
			 const FuNecOddArea *area,
			 FuNecOddBlockCmd cmd,
			 FuProgress *progress,
			 GError **error)
{
	const guint8 *blocks = cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? area->erase_blocks
								 : area->program_blocks;
	guint n_blocks = cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? area->n_erase_blocks
							   : area->n_program_blocks;

	fu_progress_set_id(progress, G_STRLOC);
	if (cmd == FU_NEC_ODD_BLOCK_CMD_ERASE && area->erase_whole_bank)
		return fu_nec_odd_device_erase_bank(self, area, error);
	fu_progress_set_steps(progress, n_blocks);
	for (guint i = 0; i < n_blocks; i++) {
		g_autoptr(FuStructNecOddCdbBlock) st_cdb = NULL;

		st_cdb = fu_nec_odd_cdb_block_new(self->family, area, cmd, blocks[i], error);
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
				       "failed to %s block %u%s: ",
				       cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? "erase" : "program",
				       blocks[i],
				       area->bank != 0 ? " of bank 1" : "");
			return FALSE;
		}
		fu_progress_step_done(progress);
	}
	return TRUE;
}

/* @size bytes of flash from @addr into @buf, in the largest reads the protocol allows */
static gboolean
fu_nec_odd_device_read_flash(FuNecOddDevice *self,
			     guint8 bank,
			     guint32 addr,
			     const guint8 *dump_id,
			     guint8 *buf,
			     gsize size,
			     FuProgress *progress,
			     GError **error)
{
	g_autoptr(FuChunkArray) chunks =
	    fu_chunk_array_new_virtual(size, addr, FU_CHUNK_PAGESZ_NONE, FU_NEC_ODD_CDB_READ_MAX);

	if (progress != NULL) {
		fu_progress_set_id(progress, G_STRLOC);
		fu_progress_set_steps(progress, fu_chunk_array_length(chunks));
	}
	for (guint i = 0; i < fu_chunk_array_length(chunks); i++) {
		g_autoptr(FuChunk) chk = fu_chunk_array_index(chunks, i, error);
		if (chk == NULL)
			return FALSE;
		if (!fu_nec_odd_device_read_ram(self,
						bank,
						fu_chunk_get_address(chk),
						dump_id,
						buf + fu_chunk_get_address(chk) - addr,
						fu_chunk_get_data_sz(chk),
						error))
			return FALSE;
		if (progress != NULL)
			fu_progress_step_done(progress);
	}
	return TRUE;
}

/* the main firmware of one area, as the image holds it */
static GBytes *
fu_nec_odd_device_read_area(FuNecOddDevice *self,
			    const FuNecOddArea *area,
			    FuProgress *progress,
			    GError **error)
{
	g_autofree guint8 *buf = g_malloc0(area->size);

	if (!fu_nec_odd_device_read_flash(self,
					  area->bank,
					  area->flash_addr,
					  self->model->dump_needs_id ? &self->dump_id : NULL,
					  buf,
					  area->size,
					  progress,
					  error))
		return NULL;
	return g_bytes_new_take(g_steal_pointer(&buf), area->size);
}

/* bank 0 below the family's main firmware: bootcode and settings, which
 * nothing may change */
static GByteArray *
fu_nec_odd_device_read_protected(FuNecOddDevice *self, GError **error)
{
	g_autoptr(GByteArray) buf = g_byte_array_new();

	fu_byte_array_set_size(buf, fu_nec_odd_family_get_protected_size(self->family), 0x00);
	if (!fu_nec_odd_device_read_flash(self, 0, 0x0, NULL, buf->data, buf->len, NULL, error)) {
		g_prefix_error_literal(error, "failed to read the bootcode and settings: ");
		return NULL;
	}
	return g_steal_pointer(&buf);
}

/* the canary: the protected area reads the same after the update as before;
 * the error names the block of the family's map that changed, if it has one */
static gboolean
fu_nec_odd_device_check_protected(FuNecOddDevice *self, GByteArray *before, GError **error)
{
	const FuNecOddFamily *family = self->family;
	g_autoptr(GByteArray) after = fu_nec_odd_device_read_protected(self, error);

	if (after == NULL)
		return FALSE;
	for (guint i = 0; i < after->len; i++) {
		if (before->data[i] == after->data[i])
			continue;
		for (guint j = 0; j < family->n_blocks; j++) {
			const FuNecOddBlock *block = &family->blocks[j];
			if (block->bank != 0 || i < block->addr || i >= block->addr + block->size)
				continue;
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_WRITE,
				    "Block %u (0x%05x-0x%05x, %s) changed during the update: the "
				    "drive may not boot",
				    block->number,
				    block->addr,
				    block->addr + block->size - 1,
				    block->addr < FU_NEC_ODD_DEVICE_BOOTCODE_SIZE
					? "bootcode"
					: "settings and hardware ID");
			return FALSE;
		}
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_WRITE,
			    "The bootcode and settings (0x00000-0x%05x) changed at 0x%05x during "
			    "the update: the drive may not boot",
			    after->len - 1,
			    i);
		return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_device_verify_area(FuNecOddDevice *self,
			      const FuNecOddArea *area,
			      GBytes *data,
			      FuProgress *progress,
			      GError **error)
{
	g_autoptr(GBytes) blob = fu_nec_odd_device_read_area(self, area, progress, error);

	if (blob == NULL) {
		g_prefix_error_literal(error, "failed to read back: ");
		return FALSE;
	}
	if (!fu_memcmp_safe(g_bytes_get_data(blob, NULL),
			    g_bytes_get_size(blob),
			    0x0,
			    g_bytes_get_data(data, NULL),
			    g_bytes_get_size(data),
			    0x0,
			    g_bytes_get_size(blob),
			    error)) {
		g_prefix_error_literal(error, "flash contents differ from the image: ");
		return FALSE;
	}
	return TRUE;
}

/* one safe-mode session: stage, checksums, erase, program, read back; the
 * canary is read before the first erase of the update and compared after its
 * last program */
static gboolean
fu_nec_odd_device_write_area(FuNecOddDevice *self,
			     const FuNecOddArea *area,
			     FuNecOddFirmware *firmware,
			     GByteArray **protected_before,
			     gboolean is_last,
			     FuProgress *progress,
			     GError **error)
{
	g_autoptr(GBytes) data = fu_nec_odd_firmware_get_area_data(firmware, area, error);

	if (data == NULL)
		return FALSE;

	/* weighted by the device time each phase takes on an Am29LV800B */
	fu_progress_set_id(progress, G_STRLOC);
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 1, "stage");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 0, "checksum");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_READ, 0, "canary");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_ERASE, 67, "erase");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_WRITE, 31, "program");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_VERIFY, 0, "canary");
	fu_progress_add_step(progress, FWUPD_STATUS_DEVICE_VERIFY, 1, "verify");

	if (!fu_nec_odd_device_stage(self, area, data, fu_progress_get_child(progress), error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_send_checksums(self, area, firmware, error))
		return FALSE;
	fu_progress_step_done(progress);
	if (*protected_before == NULL) {
		*protected_before = fu_nec_odd_device_read_protected(self, error);
		if (*protected_before == NULL)
			return FALSE;
	}
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_blocks(self,
				      area,
				      FU_NEC_ODD_BLOCK_CMD_ERASE,
				      fu_progress_get_child(progress),
				      error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_blocks(self,
				      area,
				      FU_NEC_ODD_BLOCK_CMD_PROGRAM,
				      fu_progress_get_child(progress),
				      error))
		return FALSE;
	fu_progress_step_done(progress);
	if (is_last && !fu_nec_odd_device_check_protected(self, *protected_before, error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_nec_odd_device_verify_area(self,
					   area,
					   data,
					   fu_progress_get_child(progress),
					   error))
		return FALSE;
	fu_progress_step_done(progress);
	return TRUE;
}

/* between two sessions (640K: bank 0, then bank 1) the drive leaves safe mode
 * and may restart; INQUIRY waits for it, then the next bank is entered */
static gboolean
fu_nec_odd_device_next_session(FuNecOddDevice *self, const FuNecOddArea *area, GError **error)
{
	g_autofree gchar *revision = NULL;

	if (!fu_nec_odd_device_safe_mode(self,
					 self->safe_mode_bank,
					 FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE,
					 error))
		return FALSE;
	if (!fu_nec_odd_device_inquiry(self, NULL, &revision, error))
		return FALSE;
	if (!fu_nec_odd_device_safe_mode(self,
					 area->bank,
					 FU_NEC_ODD_SAFE_MODE_ACTION_ENTER,
					 error))
		return FALSE;
	return fu_nec_odd_device_inquiry_safe_mode(self, error);
}

static gboolean
fu_nec_odd_device_write_firmware(FuDevice *device,
				 FuFirmware *firmware,
				 FuProgress *progress,
				 FwupdInstallFlags flags,
				 GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	const FuNecOddFamily *family = self->family;
	g_autoptr(GByteArray) protected_before = NULL;

	if (!fu_nec_odd_device_ensure_updatable(self, error))
		return FALSE;
	if (!fu_nec_odd_firmware_has_layout(FU_NEC_ODD_FIRMWARE(firmware), family)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "the image is not for a %s-family drive",
			    family->name);
		return FALSE;
	}

	/* one session per area, each weighted by its size */
	fu_progress_set_id(progress, G_STRLOC);
	for (guint i = 0; i < family->n_areas; i++) {
		fu_progress_add_step(progress,
				     FWUPD_STATUS_DEVICE_WRITE,
				     family->areas[i].size / 0x1000,
				     NULL);
	}
	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		if (i > 0 && !fu_nec_odd_device_next_session(self, area, error))
			return FALSE;
		if (!fu_nec_odd_device_write_area(self,
						  area,
						  FU_NEC_ODD_FIRMWARE(firmware),
						  &protected_before,
						  i == family->n_areas - 1,
						  fu_progress_get_child(progress),
						  error)) {
			if (family->n_areas > 1)
				g_prefix_error(error, "bank %u: ", area->bank);
			return FALSE;
		}
		fu_progress_step_done(progress);
	}

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
	if (!self->safe_mode && self->model->model != NULL) {
		fu_device_set_name(device, self->model->model);
		fu_device_set_summary(device, "DVD writer");
		fu_device_remove_flag(device, FWUPD_DEVICE_FLAG_IS_BOOTLOADER);
	}
	return TRUE;
}

/* what each area of the family's flash holds, at its offset in @image */
static gboolean
fu_nec_odd_device_read_areas(FuNecOddDevice *self,
			     guint8 *image,
			     gsize imagesz,
			     FuProgress *progress,
			     GError **error)
{
	const FuNecOddFamily *family = self->family;

	fu_progress_set_id(progress, G_STRLOC);
	for (guint i = 0; i < family->n_areas; i++) {
		fu_progress_add_step(progress,
				     FWUPD_STATUS_DEVICE_READ,
				     family->areas[i].size / 0x1000,
				     NULL);
	}
	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		if (area->file_offset + area->size > imagesz) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INTERNAL,
				    "area at 0x%x does not fit a 0x%x-byte image",
				    (guint)area->file_offset,
				    (guint)imagesz);
			return FALSE;
		}
		if (!fu_nec_odd_device_read_flash(self,
						  area->bank,
						  area->flash_addr,
						  self->model->dump_needs_id ? &self->dump_id
									     : NULL,
						  image + area->file_offset,
						  area->size,
						  fu_progress_get_child(progress),
						  error))
			return FALSE;
		fu_progress_step_done(progress);
	}
	return TRUE;
}

/* a dump-needs-id drive is read in safe mode with its firmware ID, as Binflash does */
static gboolean
fu_nec_odd_device_read_areas_in_safe_mode(FuNecOddDevice *self,
					  guint8 *image,
					  gsize imagesz,
					  FuProgress *progress,
					  GError **error)
{
	g_autoptr(GError) error_local = NULL;

	if (self->safe_mode || self->safe_mode_entered) {
		if (!self->has_dump_id) {
			g_set_error_literal(error,
					    FWUPD_ERROR,
					    FWUPD_ERROR_NOT_SUPPORTED,
					    "the drive gives its firmware ID only while its "
					    "firmware runs: install a firmware first");
			return FALSE;
		}
		return fu_nec_odd_device_read_areas(self, image, imagesz, progress, error);
	}
	if (!fu_nec_odd_device_ensure_can_enter_safe_mode(self, error))
		return FALSE;
	if (!fu_nec_odd_device_ensure_dump_id(self, error))
		return FALSE;
	if (!fu_nec_odd_device_enter_safe_mode(self, 0, error))
		return FALSE;
	if (!fu_nec_odd_device_inquiry_safe_mode(self, &error_local) ||
	    !fu_nec_odd_device_read_areas(self, image, imagesz, progress, &error_local)) {
		fu_nec_odd_device_leave_safe_mode_after_failure(self);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	return fu_nec_odd_device_leave_safe_mode(self, error);
}

/* the same .BIN layout as the image files, so a dump can be flashed back: the
 * areas, the canonical key as trailer ID and the bootcode version, read into
 * the one buffer that is returned */
static GBytes *
fu_nec_odd_device_dump_firmware(FuDevice *device, FuProgress *progress, GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	gsize bufsz;
	g_autofree guint8 *buf = NULL;

	if (!fu_nec_odd_device_ensure_updatable(self, error))
		return NULL;

	/* room for the bootcode version, which a dump-needs-id drive gives in safe mode */
	bufsz = fu_nec_odd_family_get_image_size(self->family, TRUE);
	buf = g_malloc0(bufsz);
	if (self->model->dump_needs_id) {
		if (!fu_nec_odd_device_read_areas_in_safe_mode(self, buf, bufsz, progress, error))
			return NULL;
	} else {
		if (!fu_nec_odd_device_ensure_bootcode(self, error))
			return NULL;
		if (!fu_nec_odd_device_read_areas(self, buf, bufsz, progress, error))
			return NULL;
	}
	bufsz = fu_nec_odd_family_get_image_size(self->family, self->bootcode != 0);
	if (!fu_nec_odd_firmware_finish_image(self->family,
					      buf,
					      bufsz,
					      self->model->key,
					      self->bootcode,
					      error))
		return NULL;
	return g_bytes_new_take(g_steal_pointer(&buf), bufsz);
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

static gboolean
fu_nec_odd_device_set_quirk_kv(FuDevice *device,
			       const gchar *key,
			       const gchar *value,
			       GError **error)
{
	FuNecOddDevice *self = FU_NEC_ODD_DEVICE(device);
	return fu_nec_odd_model_set_quirk_kv(self->model, key, value, error);
}

static void
fu_nec_odd_device_init(FuNecOddDevice *self)
{
	FuDevice *device = FU_DEVICE(self);

	self->model = fu_nec_odd_model_new();
	fu_device_register_private_flag(device, FU_NEC_ODD_MODEL_FLAG_DUMP_NEEDS_ID);

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
	fu_nec_odd_model_free(self->model);
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
	device_class->set_quirk_kv = fu_nec_odd_device_set_quirk_kv;
}
