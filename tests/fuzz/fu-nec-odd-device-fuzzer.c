/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* syscall() and symlink() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <scsi/sg.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fu-context-private.h"
#include "fu-device-private.h"
#include "fu-nec-odd-device.h"
#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-fuzzer.h"
#include "fu-nec-odd-model.h"
#include "fu-udev-device-private.h"
#include "nec-odd-device-fuzz.h"
#include "nec-sim-drive.h"
#include "nec-sim-image.h"

/*
 * The device side of the plugin under libFuzzer: FuNecOddDevice's real vfuncs,
 * called through fwupd's FuDevice API in the order fwupdtool calls them, on a
 * device made from a fake sysfs tree, with every SG_IO answered from the fuzz
 * input (nec-odd-device-fuzz.h). ioctl() and g_usleep() are defined here, so
 * libfwupdplugin's calls land here: the drive's answers, and retries without
 * their delays.
 */

/* the 640K family's bank 1 as the simulator's state file holds it: after bank 0 */
#define NEC_ODD_DEVICE_FUZZ_BANK1_ADDR	 0x240000
#define NEC_ODD_DEVICE_FUZZ_BANK1_OFFSET 0x80000
#define NEC_ODD_DEVICE_FUZZ_N_SYSFS	 4

/* one drive of every flash family: 1M, 640K, 768K (slim), 1M-K2, 2M, 2M with the dump id */
static const NecOddDeviceFuzzFirmware nec_odd_device_fuzz_image_table[] = {
    {"ND-3520A", "3.04", TRUE},
    {"ND-3520A", "3.04", FALSE},
    {"ND-3540A", "2.16", TRUE},
    {"ND-1300A", "2.00", TRUE},
    {"ND-6450A", "2.00", TRUE},
    {"ND-2500A", "2.00", TRUE},
    {"ND-3550A", "2.00", TRUE},
    {"ND-4570A", "2.00", TRUE},
};

static const NecOddDeviceFuzzFirmware nec_odd_device_fuzz_flash_table[] = {
    {"ND-3520A", NULL, FALSE},
    {"ND-3520A", "3.04", TRUE},
    {"ND-3540A", NULL, FALSE},
    {"ND-3540A", "2.16", TRUE},
    {"ND-1300A", NULL, FALSE},
    {"ND-6450A", NULL, FALSE},
    {"ND-2500A", NULL, FALSE},
    {"ND-3550A", NULL, FALSE},
    {"ND-4570A", NULL, FALSE},
};

/* sysfs type and vendor of the four devices the header can pick */
static const struct {
	const gchar *type;
	const gchar *vendor;
} nec_odd_device_fuzz_sysfs[NEC_ODD_DEVICE_FUZZ_N_SYSFS] = {
    {"5", "_NEC    "},
    {"5", "NEC     "},
    {"0", "_NEC    "},
    {"5", "HL-DT-ST"},
};

static const gint nec_odd_device_fuzz_errnos[] =
    {EIO, EINTR, EAGAIN, ENODEV, EPERM, ENOTTY, ETIMEDOUT, EBUSY, ENOMEM, EINVAL};

typedef struct {
	FuContext *ctx;
	FuBackend *backend;
	gchar *root;
	gchar *devnode;
	gchar *sysfs[NEC_ODD_DEVICE_FUZZ_N_SYSFS];
	gchar *procfs_mounted;
	gchar *quirks;
	gchar *procfs_empty;
	GBytes *images[G_N_ELEMENTS(nec_odd_device_fuzz_image_table)];
	/* each image's flash family and canonical key, as the plugin's parser and
	 * nec-odd.quirk say */
	const FuNecOddFamily *image_families[G_N_ELEMENTS(nec_odd_device_fuzz_image_table)];
	gchar *image_keys[G_N_ELEMENTS(nec_odd_device_fuzz_image_table)];
	GBytes *flashes[G_N_ELEMENTS(nec_odd_device_fuzz_flash_table)];
	/* the input being answered from */
	const guint8 *input;
	gsize input_size;
	gsize input_pos;
	dev_t devnode_dev; /* the device node, however fwupd opened it */
	ino_t devnode_ino;
	guint commands;
	/* what the plugin saw and sent, for the safety rules */
	const FuNecOddFamily *image_family; /* of the image being installed */
	const gchar *image_key;		    /* its drive type's canonical key */
	gboolean hwid_clean;		    /* the last hardware ID answer: clean, the image's */
	gboolean inquiry_clean;		    /* the last INQUIRY answer: clean, a CD/DVD drive */
	gboolean safe_mode;		    /* the last SafeMode answered GOOD was an enter */
	gboolean safe_mode_left;	    /* a leave was sent after the last enter */
} NecOddDeviceFuzz;

static NecOddDeviceFuzz *nec_odd_device_fuzz = NULL;

/* ---- the backend: the device's scsi_target parent, as FuUdevBackend finds it ---- */

#define NEC_ODD_TYPE_FUZZ_BACKEND (nec_odd_fuzz_backend_get_type())
G_DECLARE_FINAL_TYPE(NecOddFuzzBackend, nec_odd_fuzz_backend, NEC_ODD, FUZZ_BACKEND, FuBackend)
struct _NecOddFuzzBackend {
	FuBackend parent_instance;
};
G_DEFINE_TYPE(NecOddFuzzBackend, nec_odd_fuzz_backend, FU_TYPE_BACKEND)

static FuDevice *
nec_odd_fuzz_backend_get_device_parent(FuBackend *backend,
				       FuDevice *device,
				       const gchar *subsystem,
				       GError **error)
{
	const gchar *sysfs_path = fu_udev_device_get_sysfs_path(FU_UDEV_DEVICE(device));
	g_autofree gchar *target = NULL;
	g_autoptr(FuUdevDevice) parent = NULL;

	if (g_strcmp0(subsystem, "scsi:scsi_target") != 0 || sysfs_path == NULL) {
		g_set_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_FOUND, "no %s parent", subsystem);
		return NULL;
	}
	/* SYSFS/target0:0:0/0:0:0:0/block/sr0 */
	target = g_path_get_dirname(sysfs_path);
	for (guint i = 0; i < 2; i++) {
		gchar *tmp = g_path_get_dirname(target);
		g_free(target);
		target = tmp;
	}
	parent = fu_udev_device_new(fu_backend_get_context(backend), target);
	fu_udev_device_set_subsystem(parent, "scsi");
	fu_udev_device_set_devtype(parent, "scsi_target");
	return FU_DEVICE(g_steal_pointer(&parent));
}

static void
nec_odd_fuzz_backend_init(NecOddFuzzBackend *self)
{
}

static void
nec_odd_fuzz_backend_class_init(NecOddFuzzBackendClass *klass)
{
	FuBackendClass *backend_class = FU_BACKEND_CLASS(klass);
	backend_class->get_device_parent = nec_odd_fuzz_backend_get_device_parent;
}

/* ---- the drive's answers ---- */

static gboolean
nec_odd_device_fuzz_read(NecOddDeviceFuzz *self, guint8 *buf, gsize bufsz)
{
	if (self->input_size - self->input_pos < bufsz)
		return FALSE;
	if (bufsz > 0)
		memcpy(buf, self->input + self->input_pos, bufsz);
	self->input_pos += bufsz;
	return TRUE;
}

/* ReadRAM's address (in either bank), or 0 for any other command */
static guint32
nec_odd_device_fuzz_cdb_address(const struct sg_io_hdr *io)
{
	if (io->cmdp == NULL || io->cmd_len < 6 || io->cmdp[0] != 0xCC ||
	    (io->cmdp[1] & ~0x10) != 0x00)
		return 0;
	return fu_memread_uint32(io->cmdp + 2, G_BIG_ENDIAN);
}

/* where a ReadRAM's address lies in a simulator state file */
static gboolean
nec_odd_device_fuzz_flash_offset(const struct sg_io_hdr *io, gsize flashsz, gsize *offset)
{
	guint32 addr = nec_odd_device_fuzz_cdb_address(io);

	if ((io->cmdp[1] & 0x10) != 0) {
		if (addr < NEC_ODD_DEVICE_FUZZ_BANK1_ADDR)
			return FALSE;
		*offset =
		    NEC_ODD_DEVICE_FUZZ_BANK1_OFFSET + (addr - NEC_ODD_DEVICE_FUZZ_BANK1_ADDR);
	} else {
		*offset = addr;
	}
	return *offset < flashsz;
}

static void
nec_odd_device_fuzz_answer_data(NecOddDeviceFuzz *self, guint8 kind, struct sg_io_hdr *io)
{
	guint8 mode = kind & NEC_ODD_DEVICE_FUZZ_KIND_DATA_MASK;
	guint8 *buf = NULL;
	gsize bufsz = 0;

	if (io->dxfer_direction == SG_DXFER_FROM_DEV && io->dxferp != NULL) {
		buf = io->dxferp;
		bufsz = io->dxfer_len;
	}
	if (mode == NEC_ODD_DEVICE_FUZZ_KIND_DATA_LITERAL) {
		guint8 lenbuf[2] = {0};
		gsize len;
		const guint8 *literal;
		if (!nec_odd_device_fuzz_read(self, lenbuf, sizeof(lenbuf)))
			return;
		len = MIN(fu_memread_uint16(lenbuf, G_BIG_ENDIAN),
			  self->input_size - self->input_pos);
		literal = self->input + self->input_pos;
		self->input_pos += len;
		if (buf == NULL || len == 0)
			return;
		if (kind & NEC_ODD_DEVICE_FUZZ_KIND_REPEAT) {
			for (gsize i = 0; i < bufsz; i += len)
				memcpy(buf + i, literal, MIN(len, bufsz - i));
		} else {
			memcpy(buf, literal, MIN(len, bufsz));
		}
	} else if (mode == NEC_ODD_DEVICE_FUZZ_KIND_DATA_FILL) {
		guint8 value = 0;
		if (!nec_odd_device_fuzz_read(self, &value, 1))
			return;
		if (buf != NULL)
			memset(buf, value, bufsz);
	} else if (mode == NEC_ODD_DEVICE_FUZZ_KIND_DATA_FLASH) {
		guint8 idx = 0;
		gsize offset = 0;
		gsize flashsz = 0;
		const guint8 *flash;
		if (!nec_odd_device_fuzz_read(self, &idx, 1))
			return;
		if (buf == NULL || nec_odd_device_fuzz_cdb_address(io) == 0)
			return;
		flash =
		    g_bytes_get_data(self->flashes[idx % G_N_ELEMENTS(self->flashes)], &flashsz);
		memset(buf, 0xFF, bufsz);
		if (nec_odd_device_fuzz_flash_offset(io, flashsz, &offset))
			memcpy(buf, flash + offset, MIN(bufsz, flashsz - offset));
	}
}

/* the area of the family a CDB's bank bit selects */
static const FuNecOddArea *
nec_odd_device_fuzz_area(const FuNecOddFamily *family, guint8 bank)
{
	for (guint i = 0; family != NULL && i < family->n_areas; i++) {
		if (family->areas[i].bank == bank)
			return &family->areas[i];
	}
	return NULL;
}

static gboolean
nec_odd_device_fuzz_has_block(const guint8 *blocks, guint n_blocks, guint block)
{
	for (guint i = 0; i < n_blocks; i++) {
		if (blocks[i] == block)
			return TRUE;
	}
	return FALSE;
}

/*
 * The safety rules of the project, checked on the commands the plugin sends
 * whatever the drive answered, per flash family of the image being installed:
 * an erase names exactly one block of the area's erase list (EraseBank only an
 * area erased whole), a program one block of its program list, so that the
 * bootcode and settings below the family's main firmware are never touched; and
 * nothing is staged, erased or programmed unless the drive is in safe mode and
 * answered INQUIRY and the hardware ID cleanly (GOOD, no sense, no residue, a
 * CD/DVD drive, a hardware ID of the image's drive type). A breach aborts, so
 * libFuzzer keeps the input.
 */
static void
nec_odd_device_fuzz_check_command(NecOddDeviceFuzz *self, const struct sg_io_hdr *io)
{
	const guint8 *cdb = io->cmdp;
	const FuNecOddArea *area;
	guint8 bank;
	guint8 subcmd;
	gboolean is_block;
	guint n_bits = 0;
	guint block = 0;

	if (cdb == NULL || io->cmd_len < 9 || cdb[0] != 0xCB)
		return;
	bank = (cdb[1] & 0x10) != 0 ? 1 : 0;
	subcmd = cdb[1] & ~0x10;
	is_block = subcmd == 0x02 || subcmd == 0x04;
	if (!is_block && subcmd != 0x01 && subcmd != 0x08)
		return;
	area = nec_odd_device_fuzz_area(self->image_family, bank);
	if (area == NULL)
		g_error("safety: command CB %02X for bank %u, which the image has not",
			cdb[1],
			bank);
	/* block b is bit (b % 8) of CDB byte 8 - b / 8 */
	if (is_block) {
		for (guint j = 2; j <= 8; j++) {
			for (guint bit = 0; bit < 8; bit++) {
				if (cdb[j] & (1u << bit)) {
					n_bits++;
					block = (8 - j) * 8 + bit;
				}
			}
		}
		if (n_bits != 1)
			g_error("safety: %s of %u blocks at once",
				subcmd == 0x04 ? "Erase" : "Program",
				n_bits);
		if (subcmd == 0x04 &&
		    (area->erase_whole_bank || !nec_odd_device_fuzz_has_block(area->erase_blocks,
									      area->n_erase_blocks,
									      block)))
			g_error("safety: Erase of block %u of bank %u, not in the %s erase list",
				block,
				bank,
				self->image_family->name);
		if (subcmd == 0x02 && !nec_odd_device_fuzz_has_block(area->program_blocks,
								     area->n_program_blocks,
								     block))
			g_error(
			    "safety: Program of block %u of bank %u, not in the %s program list",
			    block,
			    bank,
			    self->image_family->name);
	}
	if (subcmd == 0x08 && !area->erase_whole_bank)
		g_error("safety: EraseBank of bank %u, which the %s family erases by block",
			bank,
			self->image_family->name);
	if (!self->safe_mode)
		g_error("safety: command CB %02X outside safe mode", cdb[1]);
	if (!self->inquiry_clean)
		g_error("safety: command CB %02X after a garbled INQUIRY", cdb[1]);
	if (subcmd != 0x01 && !self->hwid_clean)
		g_error("safety: command CB %02X after a garbled or foreign hardware ID", cdb[1]);
}

/* the canonical key of a hardware ID answer, from nec-odd.quirk */
static gboolean
nec_odd_device_fuzz_is_image_type(NecOddDeviceFuzz *self, const guint8 *buf)
{
	g_autofree gchar *hwid = NULL;
	g_autoptr(FuNecOddModel) model = NULL;

	for (guint i = 0; i < 4; i++) {
		if (!g_ascii_isgraph(buf[i]))
			return FALSE;
	}
	hwid = g_strndup((const gchar *)buf, 4);
	model = fu_nec_odd_model_new_from_quirks(self->ctx, hwid);
	return model != NULL && !model->file_only && self->image_key != NULL &&
	       g_strcmp0(model->key, self->image_key) == 0;
}

static gboolean
nec_odd_device_fuzz_is_safe_mode(const struct sg_io_hdr *io, gboolean *enter)
{
	if (io->cmdp == NULL || io->cmd_len < 3 || io->cmdp[0] != 0xCC || io->cmdp[1] != 0x01)
		return FALSE;
	*enter = io->cmdp[2] == 0x01;
	return TRUE;
}

/* what the answer just given means for the safety rules */
static void
nec_odd_device_fuzz_note_answer(NecOddDeviceFuzz *self, const struct sg_io_hdr *io, int rc)
{
	const guint8 *buf = io->dxferp;
	gboolean enter = FALSE;
	gboolean clean = rc == 0 && io->status == 0 && io->host_status == 0 &&
			 io->driver_status == 0 && io->sb_len_wr == 0 && io->resid == 0;

	if (nec_odd_device_fuzz_is_safe_mode(io, &enter)) {
		if (!enter) {
			self->safe_mode_left = TRUE;
		} else if (clean) {
			self->safe_mode = TRUE;
			self->safe_mode_left = FALSE;
		}
		if (!enter && clean)
			self->safe_mode = FALSE;
		return;
	}
	if (io->cmdp != NULL && io->cmd_len >= 6 && io->cmdp[0] == 0x12) {
		self->inquiry_clean =
		    clean && buf != NULL && io->dxfer_len >= 36 && (buf[0] & 0x1F) == 0x05;
		return;
	}
	if (self->image_family != NULL &&
	    nec_odd_device_fuzz_cdb_address(io) == self->image_family->id_addr) {
		self->hwid_clean = clean && buf != NULL && io->dxfer_len >= 4 &&
				   nec_odd_device_fuzz_is_image_type(self, buf);
	}
}

static int
nec_odd_device_fuzz_answer_input(NecOddDeviceFuzz *self, struct sg_io_hdr *io);

static int
nec_odd_device_fuzz_answer(NecOddDeviceFuzz *self, struct sg_io_hdr *io)
{
	int rc;
	nec_odd_device_fuzz_check_command(self, io);
	rc = nec_odd_device_fuzz_answer_input(self, io);
	nec_odd_device_fuzz_note_answer(self, io, rc);
	return rc;
}

static int
nec_odd_device_fuzz_answer_input(NecOddDeviceFuzz *self, struct sg_io_hdr *io)
{
	guint8 kind = 0;

	self->commands++;
	io->status = 0;
	io->masked_status = 0;
	io->msg_status = 0;
	io->host_status = 0;
	io->driver_status = 0;
	io->sb_len_wr = 0;
	io->resid = 0;
	io->duration = 0;
	io->info = 0;
	if (!nec_odd_device_fuzz_read(self, &kind, 1)) {
		errno = EIO;
		return -1;
	}
	if (kind & NEC_ODD_DEVICE_FUZZ_KIND_ERRNO) {
		guint8 idx = 0;
		(void)nec_odd_device_fuzz_read(self, &idx, 1);
		errno = nec_odd_device_fuzz_errnos[idx % G_N_ELEMENTS(nec_odd_device_fuzz_errnos)];
		return -1;
	}
	if (kind & NEC_ODD_DEVICE_FUZZ_KIND_STATUS) {
		guint8 st[3] = {0};
		(void)nec_odd_device_fuzz_read(self, st, sizeof(st));
		io->status = st[0];
		io->masked_status = (st[0] >> 1) & 0x7F;
		io->host_status = st[1];
		io->driver_status = st[2];
	}
	if (kind & NEC_ODD_DEVICE_FUZZ_KIND_SENSE) {
		guint8 n = 0;
		gsize len;
		(void)nec_odd_device_fuzz_read(self, &n, 1);
		len = MIN(n, self->input_size - self->input_pos);
		io->sb_len_wr = MIN(len, io->mx_sb_len);
		if (io->sbp != NULL)
			memcpy(io->sbp, self->input + self->input_pos, io->sb_len_wr);
		self->input_pos += len;
	}
	if (kind & NEC_ODD_DEVICE_FUZZ_KIND_RESID) {
		guint8 resid[2] = {0};
		(void)nec_odd_device_fuzz_read(self, resid, sizeof(resid));
		io->resid = (gint16)fu_memread_uint16(resid, G_BIG_ENDIAN);
	}
	nec_odd_device_fuzz_answer_data(self, kind, io);
	if (io->status != 0 || io->host_status != 0 || io->driver_status != 0)
		io->info |= SG_INFO_CHECK;
	return 0;
}

/* every ioctl of the process: SG_IO on the fuzzed device is answered from the input */
int
ioctl(int fd, unsigned long request, ...)
{
	va_list args;
	void *arg;
	struct stat st = {0};

	va_start(args, request);
	arg = va_arg(args, void *);
	va_end(args);
	if (nec_odd_device_fuzz == NULL || nec_odd_device_fuzz->input == NULL ||
	    fstat(fd, &st) != 0 || st.st_ino != nec_odd_device_fuzz->devnode_ino ||
	    st.st_dev != nec_odd_device_fuzz->devnode_dev)
		return (int)syscall(SYS_ioctl, fd, request, arg);
	if (request != SG_IO) {
		errno = ENOTTY;
		return -1;
	}
	return nec_odd_device_fuzz_answer(nec_odd_device_fuzz, (struct sg_io_hdr *)arg);
}

/* retry delays and the restart wait cost nothing here; the time a drive needs is
 * not what is fuzzed */
void
g_usleep(gulong microseconds)
{
}

/* ---- the fake sysfs tree and the tables ---- */

static void
nec_odd_device_fuzz_write(const gchar *dir, const gchar *name, const gchar *contents)
{
	g_autofree gchar *fn = g_build_filename(dir, name, NULL);
	g_autoptr(GError) error = NULL;
	if (!g_file_set_contents(fn, contents, -1, &error))
		g_error("%s", error->message);
}

static void
nec_odd_device_fuzz_symlink(const gchar *target, const gchar *dir, const gchar *name)
{
	g_autofree gchar *fn = g_build_filename(dir, name, NULL);
	if (symlink(target, fn) != 0)
		g_error("cannot link %s: %s", fn, g_strerror(errno));
}

/* ROOT/sys/devices/.../targetN:0:0/N:0:0:0/block/srN, like the kernel's */
static gchar *
nec_odd_device_fuzz_make_sysfs(const gchar *root, guint n)
{
	g_autofree gchar *sdev = g_strdup_printf(
	    "%s/sys/devices/pci0000:00/0000:00:1f.2/ata%u/host%u/target%u:0:0/%u:0:0:0",
	    root,
	    n + 1,
	    n,
	    n,
	    n);
	g_autofree gchar *name = g_strdup_printf("sr%u", n);
	g_autofree gchar *block = g_build_filename(sdev, "block", name, NULL);
	g_autofree gchar *uevent =
	    g_strdup_printf("MAJOR=11\nMINOR=%u\nDEVNAME=%s\nDEVTYPE=disk\n", n, name);
	g_autofree gchar *class_block = g_build_filename(root, "sys", "class", "block", NULL);
	g_autofree gchar *vendor = g_strdup_printf("%s\n", nec_odd_device_fuzz_sysfs[n].vendor);
	g_autofree gchar *type = g_strdup_printf("%s\n", nec_odd_device_fuzz_sysfs[n].type);

	if (g_mkdir_with_parents(block, 0755) != 0 || g_mkdir_with_parents(class_block, 0755) != 0)
		g_error("cannot create %s", block);
	nec_odd_device_fuzz_write(sdev, "type", type);
	nec_odd_device_fuzz_write(sdev, "vendor", vendor);
	nec_odd_device_fuzz_write(sdev, "model", "DVD_RW ND-3520A \n");
	nec_odd_device_fuzz_write(sdev, "rev", "1.04\n");
	nec_odd_device_fuzz_write(block, "uevent", uevent);
	nec_odd_device_fuzz_symlink(class_block, block, "subsystem");
	nec_odd_device_fuzz_symlink("../..", block, "device");
	return g_steal_pointer(&block);
}

static GBytes *
nec_odd_device_fuzz_make_image(const NecOddDeviceFuzzFirmware *fw)
{
	g_autoptr(GError) error = NULL;
	const NecSimModel *model = nec_sim_model_find(fw->model, &error);
	GBytes *image = NULL;

	if (model == NULL)
		g_error("%s", error->message);
	image = nec_sim_image_new(model, fw->revision, fw->with_bootcode, &error);
	if (image == NULL)
		g_error("%s", error->message);
	return image;
}

/* the flash of a simulated drive that has FW, bootcode and calibration included */
static GBytes *
nec_odd_device_fuzz_make_flash(const NecOddDeviceFuzzFirmware *fw)
{
	NecSimDriveOptions opts = {.model = fw->model};
	g_autoptr(GBytes) image = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(NecSimDrive) drive = NULL;

	if (fw->revision != NULL) {
		image = nec_odd_device_fuzz_make_image(fw);
		opts.firmware = image;
	}
	drive = nec_sim_drive_new(&opts, &error);
	if (drive == NULL)
		g_error("%s", error->message);
	return nec_sim_drive_get_flash(drive);
}

static void
nec_odd_device_fuzz_cleanup(void)
{
	NecOddDeviceFuzz *self = nec_odd_device_fuzz;

	if (self == NULL || self->root == NULL)
		return;
	if (!fu_path_rmtree(self->root, NULL))
		g_debug("cannot remove %s", self->root);
}

static NecOddDeviceFuzz *
nec_odd_device_fuzz_get(void)
{
	NecOddDeviceFuzz *self;
	g_autoptr(GError) error = NULL;

	if (nec_odd_device_fuzz != NULL)
		return nec_odd_device_fuzz;
	self = g_new0(NecOddDeviceFuzz, 1);
	self->root = g_dir_make_tmp("nec-odd-device-fuzz-XXXXXX", &error);
	if (self->root == NULL)
		g_error("%s", error->message);
	for (guint i = 0; i < NEC_ODD_DEVICE_FUZZ_N_SYSFS; i++)
		self->sysfs[i] = nec_odd_device_fuzz_make_sysfs(self->root, i);
	/* the device node: any file opens, every ioctl on it comes here */
	self->devnode = g_build_filename(self->root, "sr0", NULL);
	nec_odd_device_fuzz_write(self->root, "sr0", "");
	{
		struct stat st = {0};
		if (g_stat(self->devnode, &st) != 0)
			g_error("cannot stat %s", self->devnode);
		self->devnode_dev = st.st_dev;
		self->devnode_ino = st.st_ino;
	}
	self->procfs_empty = g_build_filename(self->root, "proc-empty", NULL);
	self->procfs_mounted = g_build_filename(self->root, "proc-mounted", NULL);
	if (g_mkdir(self->procfs_empty, 0755) != 0 || g_mkdir(self->procfs_mounted, 0755) != 0)
		g_error("cannot create %s", self->procfs_empty);
	nec_odd_device_fuzz_write(self->procfs_empty, "mounts", "");
	{
		g_autofree gchar *mounts =
		    g_strdup_printf("%s /media/cdrom iso9660 ro 0 0\n", self->devnode);
		nec_odd_device_fuzz_write(self->procfs_mounted, "mounts", mounts);
	}
	for (guint i = 0; i < G_N_ELEMENTS(self->images); i++)
		self->images[i] =
		    nec_odd_device_fuzz_make_image(&nec_odd_device_fuzz_image_table[i]);
	for (guint i = 0; i < G_N_ELEMENTS(self->flashes); i++)
		self->flashes[i] =
		    nec_odd_device_fuzz_make_flash(&nec_odd_device_fuzz_flash_table[i]);
	/* nec-odd.quirk as fwupd loads it: only from the quirk directories */
	self->quirks = g_build_filename(self->root, "quirks.d", NULL);
	if (g_mkdir(self->quirks, 0755) != 0)
		g_error("cannot create %s", self->quirks);
	nec_odd_device_fuzz_symlink(NEC_ODD_QUIRK_FILE, self->quirks, "nec-odd.quirk");
	(void)g_setenv("FWUPD_DATADIR_QUIRKS", self->quirks, TRUE);
	(void)g_setenv("FWUPD_LOCALSTATEDIR_QUIRKS", self->quirks, TRUE);
	self->ctx = fu_context_new();
	fu_nec_odd_model_add_quirk_keys(self->ctx);
	if (!fu_context_load_quirks(self->ctx, FU_QUIRKS_LOAD_FLAG_NO_CACHE, &error))
		g_error("%s", error->message);
	for (guint i = 0; i < G_N_ELEMENTS(self->images); i++) {
		g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
		g_autoptr(FuNecOddModel) model = NULL;
		if (!fu_firmware_parse_bytes(firmware,
					     self->images[i],
					     0x0,
					     FU_FIRMWARE_PARSE_FLAG_IGNORE_VID_PID,
					     &error))
			g_error("%s", error->message);
		self->image_families[i] =
		    fu_nec_odd_firmware_get_family(FU_NEC_ODD_FIRMWARE(firmware));
		model = fu_nec_odd_model_new_from_quirks(
		    self->ctx,
		    fu_nec_odd_firmware_get_hardware_id(FU_NEC_ODD_FIRMWARE(firmware)));
		if (model == NULL)
			g_error("image %u: trailer ID not in nec-odd.quirk", i);
		self->image_keys[i] = g_strdup(model->key);
	}
	self->backend =
	    g_object_new(NEC_ODD_TYPE_FUZZ_BACKEND, "name", "udev", "context", self->ctx, NULL);
	nec_odd_device_fuzz = self;
	atexit(nec_odd_device_fuzz_cleanup);
	return self;
}

const NecOddDeviceFuzzFirmware *
nec_odd_device_fuzz_images(guint *n)
{
	*n = G_N_ELEMENTS(nec_odd_device_fuzz_image_table);
	return nec_odd_device_fuzz_image_table;
}

const NecOddDeviceFuzzFirmware *
nec_odd_device_fuzz_flashes(guint *n)
{
	*n = G_N_ELEMENTS(nec_odd_device_fuzz_flash_table);
	return nec_odd_device_fuzz_flash_table;
}

GBytes *
nec_odd_device_fuzz_get_image(guint idx)
{
	NecOddDeviceFuzz *self = nec_odd_device_fuzz_get();
	return self->images[idx % G_N_ELEMENTS(self->images)];
}

GBytes *
nec_odd_device_fuzz_get_flash(guint idx)
{
	NecOddDeviceFuzz *self = nec_odd_device_fuzz_get();
	return self->flashes[idx % G_N_ELEMENTS(self->flashes)];
}

guint
nec_odd_device_fuzz_get_commands(void)
{
	return nec_odd_device_fuzz != NULL ? nec_odd_device_fuzz->commands : 0;
}

/* ---- the operations, in the order fwupd's engine and plugin runner call them ---- */

/* as fu_engine_install_blob(), fu_engine_write_firmware() and
 * fu_plugin_device_write_firmware() do it: a failed backup or write is followed by
 * attach (a no-op unless IS_BOOTLOADER), any other failure by nothing */
static gboolean
nec_odd_device_fuzz_install(NecOddDeviceFuzz *self,
			    FuDevice *device,
			    guint8 hdr0,
			    guint8 hdr1,
			    GError **error)
{
	FwupdInstallFlags flags = FWUPD_INSTALL_FLAG_NONE;
	g_autoptr(FuFirmware) firmware = NULL;
	g_autoptr(FuProgress) progress = fu_progress_new(G_STRLOC);
	g_autoptr(FuProgress) progress_prepare = fu_progress_new(G_STRLOC);
	g_autoptr(FuProgress) progress_backup = fu_progress_new(G_STRLOC);
	g_autoptr(GBytes) backup = NULL;
	g_autoptr(GInputStream) stream = NULL;

	/* the engine installs nothing on a device that is not updatable, e.g. inhibited */
	if (!fu_device_has_flag(device, FWUPD_DEVICE_FLAG_UPDATABLE)) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_SUPPORTED,
				    "device is not updatable");
		return FALSE;
	}
	if (hdr0 & NEC_ODD_DEVICE_FUZZ_HDR_FORCE)
		flags |= FWUPD_INSTALL_FLAG_FORCE;
	if (!fu_device_prepare(device, progress_prepare, flags, error))
		return FALSE;
	fu_device_set_progress(device, progress);
	g_assert_cmpuint(fu_progress_get_steps(progress), ==, 5);
	stream =
	    g_memory_input_stream_new_from_bytes(self->images[hdr1 % G_N_ELEMENTS(self->images)]);
	firmware = fu_device_prepare_firmware(device,
					      stream,
					      fu_progress_get_child(progress),
					      FU_FIRMWARE_PARSE_FLAG_CACHE_STREAM,
					      error);
	if (firmware == NULL)
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_device_detach_full(device, fu_progress_get_child(progress), error))
		return FALSE;
	fu_progress_step_done(progress);
	/* BACKUP_BEFORE_INSTALL: the plugin runner dumps first, in the same mode */
	backup = fu_device_dump_firmware(device, progress_backup, error);
	if (backup == NULL || !fu_device_write_firmware(device,
							firmware,
							fu_progress_get_child(progress),
							flags,
							error)) {
		g_autoptr(FuProgress) progress_attach = fu_progress_new(G_STRLOC);
		g_autoptr(GError) error_attach = NULL;
		if (!fu_device_attach_full(device, progress_attach, &error_attach))
			g_debug("failed to attach device after failed update: %s",
				error_attach->message);
		return FALSE;
	}
	fu_progress_step_done(progress);
	if (!fu_device_attach_full(device, fu_progress_get_child(progress), error))
		return FALSE;
	fu_progress_step_done(progress);
	if (!fu_device_reload(device, error))
		return FALSE;
	fu_progress_step_done(progress);
	return TRUE;
}

static gboolean
nec_odd_device_fuzz_op(NecOddDeviceFuzz *self,
		       FuDevice *device,
		       guint8 hdr0,
		       guint8 hdr1,
		       GError **error)
{
	NecOddDeviceFuzzOp op = hdr0 & NEC_ODD_DEVICE_FUZZ_HDR_OP_MASK;
	g_autoptr(FuProgress) progress = fu_progress_new(G_STRLOC);

	if (op == NEC_ODD_DEVICE_FUZZ_OP_INSTALL)
		return nec_odd_device_fuzz_install(self, device, hdr0, hdr1, error);
	if (op == NEC_ODD_DEVICE_FUZZ_OP_DUMP) {
		g_autoptr(GBytes) blob = fu_device_dump_firmware(device, progress, error);
		return blob != NULL;
	}
	if (op == NEC_ODD_DEVICE_FUZZ_OP_VERIFY) {
		g_autoptr(FuFirmware) firmware =
		    fu_device_read_firmware(device, progress, FU_FIRMWARE_PARSE_FLAG_NONE, error);
		return firmware != NULL;
	}
	return TRUE;
}

gboolean
nec_odd_device_fuzz_run(const guint8 *data, gsize size, GError **error)
{
	NecOddDeviceFuzz *self = nec_odd_device_fuzz_get();
	guint sysfs_idx;
	gboolean ret = FALSE;
	g_autoptr(FuDevice) device = NULL;
	g_autoptr(GError) error_close = NULL;

	self->commands = 0;
	self->hwid_clean = FALSE;
	self->inquiry_clean = FALSE;
	self->safe_mode = FALSE;
	self->safe_mode_left = FALSE;
	if (size < NEC_ODD_DEVICE_FUZZ_HDR_SIZE) {
		g_set_error_literal(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA, "no header");
		return FALSE;
	}
	self->input = data;
	self->input_size = size;
	self->input_pos = NEC_ODD_DEVICE_FUZZ_HDR_SIZE;
	self->image_family = self->image_families[data[1] % G_N_ELEMENTS(self->images)];
	self->image_key = self->image_keys[data[1] % G_N_ELEMENTS(self->images)];
	sysfs_idx =
	    (data[0] >> NEC_ODD_DEVICE_FUZZ_HDR_SYSFS_SHIFT) & NEC_ODD_DEVICE_FUZZ_HDR_SYSFS_MASK;
	(void)g_setenv("FWUPD_PROCFS",
		       data[0] & NEC_ODD_DEVICE_FUZZ_HDR_MOUNTED ? self->procfs_mounted
								 : self->procfs_empty,
		       TRUE);

	device = g_object_new(FU_TYPE_NEC_ODD_DEVICE,
			      "context",
			      self->ctx,
			      "backend",
			      self->backend,
			      "backend-id",
			      self->sysfs[sysfs_idx],
			      NULL);
	fu_udev_device_set_device_file(FU_UDEV_DEVICE(device), self->devnode);

	/* as fwupdtool: the backend's device is probed, opened and set up */
	if (!fu_device_probe(device, error))
		return FALSE;
	if (fu_device_open(device, error) && fu_device_setup(device, error))
		ret = nec_odd_device_fuzz_op(self, device, data[0], data[1], error);
	/* fwupd shows the user the error of every failure */
	if (!ret && error != NULL && *error == NULL)
		g_error("an operation failed without an error");
	/* what get-devices --verbose shows, from whatever the drive answered */
	{
		g_autofree gchar *str = fu_device_to_string(device);
		g_assert_nonnull(str);
	}
	/* a drive that entered safe mode is told to leave it, also after a failure */
	if (self->safe_mode && !self->safe_mode_left)
		g_error("safety: the drive was left in safe mode (%s)",
			ret || error == NULL ? "success" : (*error)->message);
	if (!fu_device_close(device, &error_close))
		g_debug("close: %s", error_close->message);
	self->input = NULL;
	return ret;
}

int
LLVMFuzzerTestOneInput(const guint8 *data, gsize size)
{
	g_autoptr(GError) error = NULL;

	(void)g_setenv("G_DEBUG", "fatal-criticals", TRUE);
	(void)g_setenv("FWUPD_FUZZER_RUNNING", "1", TRUE);
	if (!nec_odd_device_fuzz_run(data, size, &error))
		g_debug("%s", error->message);
	return 0;
}
