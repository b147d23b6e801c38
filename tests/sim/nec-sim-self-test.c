/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "nec-sim-command.h"
#include "nec-sim-drive.h"
#include "nec-sim-flash.h"
#include "nec-sim-garble.h"
#include "nec-sim-image.h"
#include "nec-sim-sense.h"

#define NEC_SIM_TEST_KEY "K352"

/* ---- CDB builders, byte for byte as in the protocol document ---- */

static void
nec_sim_test_cdb_safe_mode(guint8 *cdb, gboolean enter, const gchar *key)
{
	memset(cdb, 0, 12);
	cdb[0] = 0xCC;
	cdb[1] = 0x01;
	cdb[2] = enter ? 0x01 : 0x00;
	memcpy(cdb + 4, key, 4);
	cdb[8] = 0x01;
}

static void
nec_sim_test_cdb_read_ram(guint8 *cdb, guint32 addr, guint16 len)
{
	memset(cdb, 0, 12);
	cdb[0] = 0xCC;
	cdb[1] = 0x00;
	cdb[2] = addr >> 24;
	cdb[3] = (addr >> 16) & 0xff;
	cdb[4] = (addr >> 8) & 0xff;
	cdb[5] = addr & 0xff;
	cdb[7] = len >> 8;
	cdb[8] = len & 0xff;
}

static void
nec_sim_test_cdb_write_ram(guint8 *cdb, guint32 addr, guint8 pages)
{
	memset(cdb, 0, 12);
	cdb[0] = 0xCB;
	cdb[1] = 0x01;
	cdb[2] = addr >> 24;
	cdb[3] = (addr >> 16) & 0xff;
	cdb[4] = (addr >> 8) & 0xff;
	cdb[5] = addr & 0xff;
	cdb[8] = pages;
}

static void
nec_sim_test_cdb_checksum(guint8 *cdb, guint16 sum)
{
	memset(cdb, 0, 12);
	cdb[0] = 0xCC;
	cdb[1] = 0x04;
	cdb[2] = sum >> 8;
	cdb[3] = sum & 0xff;
	cdb[8] = 0x20;
}

/* subcmd 0x04 erase, 0x02 program */
static void
nec_sim_test_cdb_blocks(guint8 *cdb, guint8 subcmd, guint64 mask)
{
	memset(cdb, 0, 12);
	cdb[0] = 0xCB;
	cdb[1] = subcmd;
	for (guint b = 0; b < 56; b++) {
		if (mask & ((guint64)1 << b))
			cdb[8 - b / 8] |= 1 << (b % 8);
	}
}

static void
nec_sim_test_cdb_read_boot(guint8 *cdb)
{
	memset(cdb, 0, 12);
	cdb[0] = 0xCD;
	memcpy(cdb + 2, "RDBOOT", 6);
}

/* ---- command helpers: each returns the sense as 0xKKAAQQ, 0 for GOOD ---- */

static guint32
nec_sim_test_cmd(NecSimDrive *drive, const guint8 *cdb, NecSimDir dir, guint8 *data, gsize len)
{
	NecSimResult result;
	nec_sim_drive_execute(drive, cdb, 12, dir, data, len, &result);
	g_assert_false(result.no_answer);
	if (result.status == NEC_SIM_STATUS_GOOD)
		return 0;
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_CHECK_CONDITION);
	g_assert_cmpint(result.sense_len, ==, 18);
	g_assert_cmpint(result.sense[0], ==, 0x70);
	g_assert_cmpint(result.sense[7], ==, 10);
	return nec_sim_sense_get(&result);
}

static guint32
nec_sim_test_tur(NecSimDrive *drive)
{
	const guint8 cdb[12] = {0x00};
	NecSimResult result;
	nec_sim_drive_execute(drive, cdb, 6, NEC_SIM_DIR_NONE, NULL, 0, &result);
	return nec_sim_sense_get(&result);
}

static guint32
nec_sim_test_safe_mode(NecSimDrive *drive, gboolean enter)
{
	guint8 cdb[12] = {0};
	nec_sim_test_cdb_safe_mode(cdb, enter, NEC_SIM_TEST_KEY);
	return nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0);
}

static guint32
nec_sim_test_write_ram(NecSimDrive *drive, guint32 addr, guint8 pages, const guint8 *buf)
{
	guint8 cdb[12] = {0};
	nec_sim_test_cdb_write_ram(cdb, addr, pages);
	return nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_OUT, (guint8 *)buf, (gsize)pages * 0x1000);
}

static guint32
nec_sim_test_checksum(NecSimDrive *drive, guint16 sum)
{
	guint8 cdb[12] = {0};
	nec_sim_test_cdb_checksum(cdb, sum);
	return nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0);
}

static guint32
nec_sim_test_blocks(NecSimDrive *drive, guint8 subcmd, guint64 mask)
{
	guint8 cdb[12] = {0};
	nec_sim_test_cdb_blocks(cdb, subcmd, mask);
	return nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0);
}

/* stage a whole body in 31 × 32K + 1 × 8K, like Binflash */
static void
nec_sim_test_stage(NecSimDrive *drive, const guint8 *body)
{
	for (guint i = 0; i < 31; i++) {
		g_assert_cmphex(
		    nec_sim_test_write_ram(drive, 0x6000 + i * 0x8000, 8, body + i * 0x8000),
		    ==,
		    0);
	}
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0xFE000, 2, body + 0xF8000), ==, 0);
}

/* the whole Binflash-like sequence, from normal or safe mode */
static void
nec_sim_test_flash(NecSimDrive *drive, GBytes *image)
{
	const guint8 *body = g_bytes_get_data(image, NULL);

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);
	g_assert_cmphex(nec_sim_test_checksum(drive, nec_sim_image_get_stored_checksum(body)),
			==,
			0);
	for (guint b = 2; b <= 18; b++)
		g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << b), ==, 0);
	for (guint b = 2; b <= 18; b++)
		g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << b), ==, 0);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, FALSE), ==, 0);
}

static GBytes *
nec_sim_test_image(const gchar *model, const gchar *revision)
{
	g_autoptr(GError) error = NULL;
	GBytes *image = nec_sim_image_new(nec_sim_model_find(model), revision, TRUE, &error);
	g_assert_no_error(error);
	g_assert_nonnull(image);
	return image;
}

static NecSimDrive *
nec_sim_test_drive_new(NecSimDriveOptions *opts)
{
	g_autoptr(GError) error = NULL;
	NecSimDrive *drive = nec_sim_drive_new(opts, &error);
	g_assert_no_error(error);
	g_assert_nonnull(drive);
	return drive;
}

static NecSimDrive *
nec_sim_test_drive_new_default(void)
{
	NecSimDriveOptions opts = {.disc = TRUE};
	return nec_sim_test_drive_new(&opts);
}

static gchar *
nec_sim_test_state_path(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("nec-sim-XXXXXX", &error);
	g_assert_no_error(error);
	return g_build_filename(dir, "flash.bin", NULL);
}

static void
nec_sim_test_state_path_free(gchar *path)
{
	g_autofree gchar *dir = g_path_get_dirname(path);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
}

/* ---- image ---- */

static void
nec_sim_image_size_func(void)
{
	const NecSimModel *model = nec_sim_model_find("ND-3520A");
	g_autoptr(GBytes) with = nec_sim_image_new(model, "3.04", TRUE, NULL);
	g_autoptr(GBytes) without = nec_sim_image_new(model, "3.04", FALSE, NULL);
	const guint8 *buf = g_bytes_get_data(with, NULL);

	g_assert_cmpint(g_bytes_get_size(with), ==, 1024006);
	g_assert_cmpint(g_bytes_get_size(without), ==, 1024004);
	g_assert_cmpmem(buf + 0xFA000, 6, "K35201", 6);
	g_assert_cmpmem(g_bytes_get_data(without, NULL), 0xFA004, buf, 0xFA004);
}

static void
nec_sim_image_checksum_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	g_autofree guint8 *body = g_memdup2(g_bytes_get_data(image, NULL), 0xFA000);
	guint16 sum = 0;

	for (gsize i = 0; i < 0xF9FFE; i += 2)
		sum += (guint16)((body[i] << 8) | body[i + 1]);
	g_assert_cmphex(sum, ==, (body[0xF9FFE] << 8) | body[0xF9FFF]);
	g_assert_true(nec_sim_image_checksum_valid(body));
	g_assert_true(nec_sim_image_body_is_bootable(body));
	body[0x1234] ^= 0x01;
	g_assert_false(nec_sim_image_checksum_valid(body));
	g_assert_false(nec_sim_image_body_is_bootable(body));
}

static void
nec_sim_image_inquiry_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3540A", "1.UC");
	const guint8 *body = g_bytes_get_data(image, NULL);
	NecSimInquiry inquiry;
	gsize offset = 0;

	g_assert_cmpint(nec_sim_image_count_signatures(body, 0xFA000), ==, 1);
	g_assert_true(nec_sim_image_find_signature(body, 0xFA000, &offset));
	g_assert_cmphex(offset, ==, 0x20000);
	g_assert_true(nec_sim_image_read_inquiry(body, 0xFA000, &inquiry));
	g_assert_cmpstr(inquiry.vendor, ==, "_NEC    ");
	g_assert_cmpstr(inquiry.product, ==, "DVD_RW ND-3540A ");
	g_assert_cmpstr(inquiry.revision, ==, "1.UC");
	g_assert_cmpmem(body + 0xFA000, 6, "K35402", 6);
}

static void
nec_sim_image_deterministic_func(void)
{
	g_autoptr(GBytes) image1 = nec_sim_test_image("ND-3520A", "3.04");
	g_autoptr(GBytes) image2 = nec_sim_test_image("ND-3520A", "3.04");
	g_autoptr(GBytes) image3 = nec_sim_test_image("ND-3520A", "3.05");
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) bad = NULL;

	g_assert_true(g_bytes_equal(image1, image2));
	g_assert_false(g_bytes_equal(image1, image3));
	bad = nec_sim_image_new(nec_sim_model_find(NULL), "3.0", TRUE, &error);
	g_assert_null(bad);
	g_assert_nonnull(error);
}

static void
nec_sim_image_body_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3540A", "1.01");
	g_autoptr(GBytes) short_image = g_bytes_new_from_bytes(image, 0, 1000);
	g_autoptr(GBytes) body = NULL;
	g_autoptr(GError) error = NULL;

	body = nec_sim_image_get_body(image, nec_sim_model_find("ND-3540A"), &error);
	g_assert_no_error(error);
	g_assert_cmpint(g_bytes_get_size(body), ==, 0xFA000);
	g_assert_null(nec_sim_image_get_body(image, nec_sim_model_find("ND-3520A"), &error));
	g_assert_nonnull(error);
	g_clear_error(&error);
	g_assert_null(nec_sim_image_get_body(short_image, nec_sim_model_find("ND-3540A"), &error));
	g_assert_nonnull(error);
}

/* ---- flash ---- */

static void
nec_sim_flash_map_func(void)
{
	g_assert_cmphex(nec_sim_flash_block_addr(0), ==, 0x0000);
	g_assert_cmphex(nec_sim_flash_block_addr(1), ==, 0x4000);
	g_assert_cmphex(nec_sim_flash_block_addr(2), ==, 0x6000);
	g_assert_cmphex(nec_sim_flash_block_addr(3), ==, 0x8000);
	g_assert_cmphex(nec_sim_flash_block_addr(4), ==, 0x10000);
	g_assert_cmphex(nec_sim_flash_block_addr(18), ==, 0xF0000);
	for (guint b = 0; b + 1 < NEC_SIM_FLASH_BLOCKS; b++) {
		g_assert_cmphex(nec_sim_flash_block_addr(b) + nec_sim_flash_block_size(b),
				==,
				nec_sim_flash_block_addr(b + 1));
	}
	g_assert_cmphex(nec_sim_flash_block_addr(18) + nec_sim_flash_block_size(18), ==, 0x100000);
	g_assert_true(nec_sim_flash_block_is_protected(0));
	g_assert_true(nec_sim_flash_block_is_protected(1));
	g_assert_false(nec_sim_flash_block_is_protected(2));
}

/* ---- drive: identification ---- */

static void
nec_sim_drive_inquiry_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	const guint8 cdb[6] = {0x12, 0x00, 0x00, 0x00, 0x60, 0x00};
	guint8 cdb_big[6] = {0x12, 0x00, 0x00, 0x00, 0x00, 0x00};
	guint8 buf[0x60] = {0};
	NecSimResult result;

	guint8 big[0x80];

	/* Binflash's INQUIRY: 96 bytes, the image's 20 vendor-specific ones after the revision */
	memset(buf, 0xAA, sizeof(buf));
	nec_sim_drive_execute(drive, cdb, 6, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 0);
	g_assert_cmphex(buf[0], ==, 0x05);
	g_assert_cmphex(buf[1], ==, 0x80);
	g_assert_cmpint(buf[4], ==, 91);
	g_assert_cmpmem(buf + 8, 28, "_NEC    DVD_RW ND-3520A 1.04", 28);
	g_assert_cmpmem(buf + 36, 20, "nec-sim synthetic   ", 20);
	for (guint i = 56; i < sizeof(buf); i++)
		g_assert_cmphex(buf[i], ==, 0);

	/* a longer allocation length and buffer: 96 bytes come, the rest is resid */
	cdb_big[4] = sizeof(big);
	nec_sim_drive_execute(drive, cdb_big, 6, NEC_SIM_DIR_IN, big, sizeof(big), &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, sizeof(big) - 96);
	g_assert_cmpmem(big, 96, buf, 96);

	/* the allocation length counts, not the buffer */
	cdb_big[4] = 36;
	nec_sim_drive_execute(drive, cdb_big, 6, NEC_SIM_DIR_IN, big, sizeof(big), &result);
	g_assert_cmpint(result.resid, ==, sizeof(big) - 36);
	cdb_big[3] = 0x01; /* 0x124: a 16-bit allocation length */
	nec_sim_drive_execute(drive, cdb_big, 6, NEC_SIM_DIR_IN, big, sizeof(big), &result);
	g_assert_cmpint(result.resid, ==, sizeof(big) - 96);
	g_assert_cmpstr(nec_sim_drive_get_vendor(drive), ==, "_NEC    ");
	g_assert_cmpstr(nec_sim_drive_get_product(drive), ==, "DVD_RW ND-3520A ");
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "1.04");
	g_assert_false(nec_sim_drive_get_safe_mode(drive));

	/* the bootcode has no vendor-specific bytes to give */
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_drive_execute(drive, cdb, 6, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(buf[4], ==, 91);
	g_assert_cmpmem(buf + 32, 4, "0.01", 4);
	for (guint i = 36; i < sizeof(buf); i++)
		g_assert_cmphex(buf[i], ==, 0);
}

static void
nec_sim_drive_inquiry_short_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	const guint8 cdb[6] = {0x12, 0x00, 0x00, 0x00, 0x08, 0x00};
	guint8 buf[36] = {0};
	NecSimResult result;

	nec_sim_drive_execute(drive, cdb, 6, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 28);
	g_assert_cmphex(buf[8], ==, 0);
}

static void
nec_sim_drive_model_3540_func(void)
{
	NecSimDriveOptions opts = {.model = "ND-3540A"};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	g_autoptr(GBytes) flash = nec_sim_drive_get_flash(drive);

	g_assert_cmpstr(nec_sim_drive_get_product(drive), ==, "DVD_RW ND-3540A ");
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "1.01");
	g_assert_cmpmem((const guint8 *)g_bytes_get_data(flash, NULL) + 0x4800, 4, "K354", 4);
	nec_sim_drive_free(g_steal_pointer(&drive));

	opts.safe_mode = TRUE;
	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmpstr(nec_sim_drive_get_product(drive), ==, "DVD_RW ND-3540A ");
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "0.02");
}

static void
nec_sim_drive_firmware_option_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	g_autoptr(GBytes) wrong = nec_sim_test_image("ND-3540A", "3.04");
	g_autoptr(GBytes) no_boot =
	    nec_sim_image_new(nec_sim_model_find(NULL), "2.15", FALSE, NULL);
	g_autoptr(NecSimDrive) drive = NULL;
	g_autoptr(GError) error = NULL;
	NecSimDriveOptions opts = {.firmware = image};

	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "3.04");
	nec_sim_drive_free(g_steal_pointer(&drive));

	opts.firmware = no_boot;
	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "2.15");
	nec_sim_drive_free(g_steal_pointer(&drive));

	opts.firmware = wrong;
	drive = nec_sim_drive_new(&opts, &error);
	g_assert_null(drive);
	g_assert_nonnull(error);
}

static void
nec_sim_drive_test_unit_ready_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();

	g_assert_cmphex(nec_sim_test_tur(drive), ==, 0);
	nec_sim_drive_set_disc(drive, FALSE);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
	nec_sim_drive_set_disc(drive, TRUE);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
}

/* ---- drive: ReadRAM ---- */

static void
nec_sim_drive_read_ram_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(GBytes) flash = nec_sim_drive_get_flash(drive);
	const guint8 *fbuf = g_bytes_get_data(flash, NULL);
	guint8 cdb[12] = {0};
	guint8 buf[0x8000] = {0};
	NecSimResult result;

	nec_sim_test_cdb_read_ram(cdb, 0x4800, 0x20);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, 0x40, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 0x20);
	g_assert_cmpmem(buf, 4, "K352", 4);
	g_assert_cmpmem(buf, 0x20, fbuf + 0x4800, 0x20);

	/* the largest read, at the very end, in dump mode */
	nec_sim_test_cdb_read_ram(cdb, 0xF8000, 0x8000);
	cdb[9] = 'R';
	cdb[10] = 'D';
	cdb[11] = 0x01;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)), ==, 0);
	g_assert_cmpmem(buf, 0x8000, fbuf + 0xF8000, 0x8000);

	/* 2 bytes are transferred as 4; a 2-byte buffer gets the 2 that fit */
	nec_sim_test_cdb_read_ram(cdb, 0x4800, 2);
	memset(buf, 0, 8);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, 8, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 4);
	g_assert_cmpmem(buf, 4, "K352", 4);
	memset(buf, 0, 8);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, 2, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 0);
	g_assert_cmpmem(buf, 4, "K3\0\0", 4);

	/* lengths that are not a power of two: Binflash's 48 bytes at 0x5F20, and 0x21 as 0x24 */
	nec_sim_test_cdb_read_ram(cdb, 0x5F20, 48);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, 48, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 0);
	g_assert_cmpmem(buf, 48, fbuf + 0x5F20, 48);
	nec_sim_test_cdb_read_ram(cdb, 0x4800, 0x21);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, 0x40, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 0x40 - 0x24);
	g_assert_cmpmem(buf, 0x24, fbuf + 0x4800, 0x24);
	nec_sim_test_cdb_read_ram(cdb, 0x6000, 0x7FFF);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, 0x7FFF, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 0);
	g_assert_cmpmem(buf, 0x7FFF, fbuf + 0x6000, 0x7FFF);
	/* the last 3 bytes of the flash, padded with a zero */
	nec_sim_test_cdb_read_ram(cdb, 0xFFFFD, 3);
	memset(buf, 0xAA, 4);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, 4, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpmem(buf, 3, fbuf + 0xFFFFD, 3);
	g_assert_cmphex(buf[3], ==, 0);

	/* also from the bootcode */
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_cdb_read_ram(cdb, 0x0, 0x1000);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, 0x1000), ==, 0);
	g_assert_cmpmem(buf, 0x1000, fbuf, 0x1000);
	g_assert_cmpuint(nec_sim_drive_get_busy_us(drive), >, 0);
}

static void
nec_sim_drive_read_ram_misuse_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	guint8 cdb[12] = {0};
	guint8 buf[0x10000] = {0};

	nec_sim_test_cdb_read_ram(cdb, 0x4800, 0);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	nec_sim_test_cdb_read_ram(cdb, 0x0, 0x8000);
	cdb[7] = 0x80; /* 0x8001: one byte too many */
	cdb[8] = 0x01;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	nec_sim_test_cdb_read_ram(cdb, 0xFC000, 0x8000);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	nec_sim_test_cdb_read_ram(cdb, 0x100000, 4);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	nec_sim_test_cdb_read_ram(cdb, 0x4800, 0x20);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_OUT, buf, 0x20),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, 0x10),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	cdb[9] = 'X';
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, 0x20),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
}

/* ---- drive: SafeMode ---- */

static void
nec_sim_drive_safe_mode_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	const guint8 inq[6] = {0x12, 0x00, 0x00, 0x00, 36, 0x00};
	guint8 buf[36] = {0};
	NecSimResult result;

	/* leaving while the main firmware runs changes nothing */
	g_assert_cmphex(nec_sim_test_safe_mode(drive, FALSE), ==, 0);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, 0);

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_true(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_vendor(drive), ==, "_NEC    ");
	g_assert_cmpstr(nec_sim_drive_get_product(drive), ==, "DVD+RW ND-3100A ");
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "0.01");
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);

	/* restart: INQUIRY works, the next command gets the unit attention once */
	g_assert_cmphex(nec_sim_test_safe_mode(drive, FALSE), ==, 0);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	nec_sim_drive_execute(drive, inq, 6, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpmem(buf + 32, 4, "1.04", 4);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_UNIT_ATTENTION_POWER_ON);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, 0);
}

static void
nec_sim_drive_safe_mode_misuse_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	guint8 cdb[12] = {0};

	nec_sim_test_cdb_safe_mode(cdb, TRUE, "K354");
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	nec_sim_test_cdb_safe_mode(cdb, TRUE, NEC_SIM_TEST_KEY);
	cdb[2] = 0x02;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
}

static void
nec_sim_drive_becoming_ready_func(void)
{
	NecSimDriveOptions opts = {.disc = TRUE, .time_scale = 0.1}; /* 150 ms */
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, FALSE), ==, 0);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_UNIT_ATTENTION_POWER_ON);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
	g_usleep(200000);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, 0);
}

/* ---- drive: flash commands ---- */

static void
nec_sim_drive_normal_mode_refuses_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(GBytes) before = nec_sim_drive_get_flash(drive);
	g_autoptr(GBytes) after = NULL;
	g_autofree guint8 *page = g_malloc0(0x1000);
	guint8 buf[0x4000] = {0};
	guint8 cdb[12] = {0};

	g_assert_cmphex(nec_sim_test_write_ram(drive, 0x6000, 1, page),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	g_assert_cmphex(nec_sim_test_checksum(drive, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << 5),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << 5),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	nec_sim_test_cdb_read_boot(cdb);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	after = nec_sim_drive_get_flash(drive);
	g_assert_true(g_bytes_equal(before, after));
}

static void
nec_sim_drive_write_ram_misuse_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autofree guint8 *buf = g_malloc0(0x9000);
	guint8 cdb[12] = {0};

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0x6000, 0, buf),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0x6000, 9, buf),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	nec_sim_test_cdb_write_ram(cdb, 0x6000, 1);
	cdb[9] = 0x01; /* area */
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_OUT, buf, 0x1000),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0x6800, 1, buf),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0x5000, 1, buf),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0xFF000, 2, buf),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	nec_sim_test_cdb_write_ram(cdb, 0x6000, 1);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, 0x1000),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_OUT, buf, 0x800),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0xFF000, 1, buf), ==, 0);
}

static void
nec_sim_drive_checksum_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	g_autofree guint8 *body = g_memdup2(g_bytes_get_data(image, NULL), 0xFA000);
	guint16 sum = nec_sim_image_get_stored_checksum(body);
	guint8 cdb[12] = {0};

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);

	/* malformed CDBs */
	nec_sim_test_cdb_checksum(cdb, sum);
	cdb[8] = 0x00;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	nec_sim_test_cdb_checksum(cdb, sum);
	cdb[9] = 0x01;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	nec_sim_test_cdb_checksum(cdb, sum);
	cdb[7] = 0x01;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);

	/* wrong sum */
	g_assert_cmphex(nec_sim_test_checksum(drive, sum + 1),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_PARAMETER);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << 5),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);

	/* right sum, accepted, until the staging RAM changes */
	g_assert_cmphex(nec_sim_test_checksum(drive, sum), ==, 0);
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0x10000, 1, body + 0xA000), ==, 0);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << 5),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);

	/* the stored word matches but a staged byte is corrupt */
	body[0x1000] ^= 0xFF;
	g_assert_cmphex(nec_sim_test_write_ram(drive, 0x7000, 1, body + 0x1000), ==, 0);
	g_assert_cmphex(nec_sim_test_checksum(drive, sum),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_PARAMETER);
}

static void
nec_sim_drive_erase_program_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	const guint8 *body = g_bytes_get_data(image, NULL);
	g_autoptr(GBytes) before = nec_sim_drive_get_flash(drive);
	g_autoptr(GBytes) after = NULL;
	const guint8 *fbuf;
	guint64 busy;

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << 5),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	g_assert_cmphex(nec_sim_test_checksum(drive, nec_sim_image_get_stored_checksum(body)),
			==,
			0);

	/* protected and malformed bitmaps erase nothing */
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << 0),
			==,
			NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << 1),
			==,
			NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, (1u << 1) | (1u << 5)),
			==,
			NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << 1),
			==,
			NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << 19),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, (guint64)1 << 40),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	after = nec_sim_drive_get_flash(drive);
	g_assert_true(g_bytes_equal(before, after));
	g_clear_pointer(&after, g_bytes_unref);

	/* program needs a fresh erase */
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << 5),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	busy = nec_sim_drive_get_busy_us(drive);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, (1u << 5) | (1u << 6)), ==, 0);
	g_assert_cmpuint(nec_sim_drive_get_busy_us(drive) - busy, ==, 2 * 700000);
	after = nec_sim_drive_get_flash(drive);
	fbuf = g_bytes_get_data(after, NULL);
	for (gsize i = 0x20000; i < 0x40000; i++)
		g_assert_cmphex(fbuf[i], ==, 0xFF);
	g_clear_pointer(&after, g_bytes_unref);

	busy = nec_sim_drive_get_busy_us(drive);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << 5), ==, 0);
	g_assert_cmpuint(nec_sim_drive_get_busy_us(drive) - busy, ==, 0x8000 * 11);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << 5),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	after = nec_sim_drive_get_flash(drive);
	g_assert_cmpmem((const guint8 *)g_bytes_get_data(after, NULL) + 0x20000,
			0x10000,
			body + 0x1A000,
			0x10000);
}

static void
nec_sim_drive_read_boot_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(GBytes) flash = nec_sim_drive_get_flash(drive);
	guint8 buf[0x4000] = {0};
	guint8 cdb[12] = {0};
	NecSimResult result;

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_cdb_read_boot(cdb);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.resid, ==, 0);
	g_assert_cmpmem(buf, sizeof(buf), g_bytes_get_data(flash, NULL), sizeof(buf));
	g_assert_cmpmem(buf, 8, NEC_SIM_FLASH_BOOT_MAGIC, 8);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, 0x2000),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	cdb[2] = 'X';
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
}

static void
nec_sim_drive_unknown_opcode_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	guint8 cdb[12] = {0x28};
	guint8 buf[0x20] = {0};

	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
	cdb[0] = 0xCC;
	cdb[1] = 0x07;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
	cdb[0] = 0xCB;
	cdb[1] = 0x03;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
	cdb[0] = 0xCD;
	cdb[1] = 0x01;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);

	/* bank 1 */
	nec_sim_test_cdb_read_ram(cdb, 0x4800, 0x20);
	cdb[1] |= 0x10;
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
}

/* ---- drive: standard MMC commands ---- */

/* a 10- or 12-byte MMC CDB with data in; returns the sense, 0 for GOOD */
static guint32
nec_sim_test_mmc(NecSimDrive *drive,
		 const guint8 *cdb,
		 gsize cdb_len,
		 guint8 *buf,
		 gsize bufsz,
		 gsize *resid)
{
	NecSimResult result;
	memset(buf, 0xAA, bufsz);
	nec_sim_drive_execute(drive, cdb, cdb_len, NEC_SIM_DIR_IN, buf, bufsz, &result);
	g_assert_false(result.no_answer);
	if (resid != NULL)
		*resid = result.resid;
	return nec_sim_sense_get(&result);
}

static guint32
nec_sim_test_be32(const guint8 *buf)
{
	return ((guint32)buf[0] << 24) | ((guint32)buf[1] << 16) | ((guint32)buf[2] << 8) | buf[3];
}

static void
nec_sim_drive_get_configuration_func(void)
{
	NecSimDriveOptions opts = {0};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	guint8 cdb[10] = {0x46, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00};
	guint8 buf[0x100];
	gsize resid = 0;
	guint n_profiles;

	/* no disc: current profile 0, the profile list and the core feature */
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmphex(buf[6] << 8 | buf[7], ==, 0x0000);
	g_assert_cmpuint(nec_sim_test_be32(buf), ==, sizeof(buf) - resid - 4);
	g_assert_cmphex(buf[8] << 8 | buf[9], ==, 0x0000); /* profile list */
	g_assert_cmphex(buf[10], ==, 0x03);		   /* persistent, current */
	g_assert_cmpuint(buf[11] % 4, ==, 0);
	n_profiles = buf[11] / 4;
	g_assert_cmpuint(n_profiles, >=, 1);
	for (guint i = 0; i < n_profiles; i++) {
		g_assert_cmphex(buf[12 + 4 * i + 2], ==, 0); /* none is current */
		if (i > 0)
			g_assert_cmphex(buf[12 + 4 * i] << 8 | buf[12 + 4 * i + 1],
					<,
					buf[12 + 4 * (i - 1)] << 8 | buf[12 + 4 * (i - 1) + 1]);
	}
	g_assert_cmphex(buf[12 + 4 * n_profiles] << 8 | buf[13 + 4 * n_profiles], ==, 0x0001);
	g_assert_cmpuint(nec_sim_test_be32(buf + 16 + 4 * n_profiles), ==, 2); /* ATAPI */
	g_assert_cmpuint(sizeof(buf) - resid, ==, 8 + 4 + 4 * n_profiles + 8);

	/* the allocation length cuts the answer, the data length still says it all */
	cdb[7] = 0x00;
	cdb[8] = 0x08;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpuint(resid, ==, sizeof(buf) - 8);
	g_assert_cmpuint(nec_sim_test_be32(buf), ==, 4 + 4 + 4 * n_profiles + 8);

	/* RT 2: the one feature asked for, or just the header */
	cdb[1] = 0x02;
	cdb[3] = 0x01;
	cdb[8] = 0xFF;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpuint(sizeof(buf) - resid, ==, 16);
	g_assert_cmphex(buf[8] << 8 | buf[9], ==, 0x0001);
	cdb[3] = 0x1F;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpuint(sizeof(buf) - resid, ==, 8);
	g_assert_cmpuint(nec_sim_test_be32(buf), ==, 4);
	cdb[1] = 0x03;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);

	/* a disc: DVD-ROM, flagged current in the list too; a 12-byte CDB works the same */
	nec_sim_drive_set_disc(drive, TRUE);
	cdb[1] = 0x01;
	cdb[3] = 0x00;
	{
		guint8 cdb12[12] = {0};
		gboolean found = FALSE;
		memcpy(cdb12, cdb, sizeof(cdb));
		g_assert_cmphex(
		    nec_sim_test_mmc(drive, cdb12, sizeof(cdb12), buf, sizeof(buf), NULL),
		    ==,
		    0);
		g_assert_cmphex(buf[6] << 8 | buf[7], ==, 0x0010);
		for (guint i = 0; i < n_profiles; i++) {
			guint16 profile = buf[12 + 4 * i] << 8 | buf[12 + 4 * i + 1];
			g_assert_cmphex(buf[12 + 4 * i + 2], ==, profile == 0x0010 ? 1 : 0);
			found |= profile == 0x0010;
		}
		g_assert_true(found);
	}

	/* the bootcode reads no disc */
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL), ==, 0);
	g_assert_cmphex(buf[6] << 8 | buf[7], ==, 0x0000);
}

static void
nec_sim_drive_mode_sense_func(void)
{
	NecSimDriveOptions opts = {0};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	guint8 cdb[10] = {0x5A, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x00};
	guint8 buf[0x100];
	guint8 page[0x100];
	gsize resid = 0;
	gsize len;

	/* header without block descriptors, then page 0x2A */
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	len = sizeof(buf) - resid;
	g_assert_cmpuint(len, >, 8 + 2);
	g_assert_cmpuint((buf[0] << 8 | buf[1]) + 2, ==, len);
	g_assert_cmphex(buf[6] << 8 | buf[7], ==, 0);
	g_assert_cmphex(buf[8] & 0x3F, ==, 0x2A);
	g_assert_cmpuint(buf[9] + 2, ==, len - 8);
	g_assert_cmphex(buf[10] & 0x08, ==, 0x08); /* reads DVD-ROM */
	g_assert_cmphex(buf[14] >> 5, ==, 1);	   /* tray */
	memcpy(page, buf, len);

	/* all pages are this one page; the default values are the current ones */
	cdb[2] = 0x3F;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpmem(buf, sizeof(buf) - resid, page, len);
	cdb[2] = 0x80 | 0x2A;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpmem(buf, sizeof(buf) - resid, page, len);

	/* nothing is changeable */
	cdb[2] = 0x40 | 0x2A;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpuint(sizeof(buf) - resid, ==, len);
	for (gsize i = 10; i < len; i++)
		g_assert_cmphex(buf[i], ==, 0);

	/* the header alone, by the allocation length */
	cdb[2] = 0x2A;
	cdb[8] = 8;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpuint(resid, ==, sizeof(buf) - 8);
	g_assert_cmpmem(buf, 8, page, 8);

	/* saved values, another page, a subpage */
	cdb[2] = 0xC0 | 0x2A;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_NO_SAVING);
	cdb[2] = 0x01;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	cdb[2] = 0x2A;
	cdb[3] = 0x01;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
}

static void
nec_sim_drive_read_capacity_func(void)
{
	NecSimDriveOptions opts = {0};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	const guint8 cdb[10] = {0x25};
	guint8 buf[8];
	gsize resid = 0;

	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
	nec_sim_drive_set_disc(drive, TRUE);
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpuint(resid, ==, 0);
	g_assert_cmpuint(nec_sim_test_be32(buf), ==, 2298496 - 1); /* 4.7 GB */
	g_assert_cmpuint(nec_sim_test_be32(buf + 4), ==, 2048);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
}

static void
nec_sim_drive_report_key_func(void)
{
	NecSimDriveOptions opts = {0};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	guint8 cdb[12] = {0xA4, 0x00, 0, 0, 0, 0, 0, 0x00, 0x00, 0x08, 0x00, 0x00};
	guint8 buf[8];
	gsize resid = 0;

	/* authentication (an AGID) needs a disc */
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);

	/* the region state does not */
	cdb[10] = 0x08;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), &resid), ==, 0);
	g_assert_cmpuint(resid, ==, 0);
	g_assert_cmphex(buf[0] << 8 | buf[1], ==, 6);
	g_assert_cmphex(buf[4] >> 6, ==, 0); /* no region set */
	g_assert_cmphex(buf[5], ==, 0xFF);
	g_assert_cmphex(buf[6], ==, 0x01); /* RPC phase II */

	/* a key class other than 0 */
	cdb[7] = 0x01;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);

	/* with a disc, CSS is not modelled */
	nec_sim_drive_set_disc(drive, TRUE);
	cdb[7] = 0x00;
	cdb[10] = 0x00;
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
}

/* a unit attention is reported to them as to any command but INQUIRY */
static void
nec_sim_drive_mmc_unit_attention_func(void)
{
	NecSimDriveOptions opts = {.reset_at = 1};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	const guint8 cdb[10] = {0x46, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00};
	guint8 buf[8];

	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL),
			==,
			NEC_SIM_SENSE_UNIT_ATTENTION_POWER_ON);
	g_assert_cmphex(nec_sim_test_mmc(drive, cdb, sizeof(cdb), buf, sizeof(buf), NULL), ==, 0);
}

/* ---- drive: whole flash, state, failures ---- */

static void
nec_sim_drive_flash_sequence_func(void)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	g_autoptr(GBytes) before = nec_sim_drive_get_flash(drive);
	g_autoptr(GBytes) after = NULL;
	const guint8 *buf;
	guint64 busy;

	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "1.04");
	nec_sim_test_flash(drive, image);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "3.04");
	g_assert_cmpstr(nec_sim_drive_get_product(drive), ==, "DVD_RW ND-3520A ");

	after = nec_sim_drive_get_flash(drive);
	buf = g_bytes_get_data(after, NULL);
	g_assert_cmpmem(buf + 0x6000, 0xFA000, g_bytes_get_data(image, NULL), 0xFA000);
	g_assert_cmpmem(buf, 0x6000, g_bytes_get_data(before, NULL), 0x6000);

	/* 17 erases, 512,000 words, 1,024,000 bytes at 33.3 MB/s */
	busy = nec_sim_drive_get_busy_us(drive);
	g_assert_cmpuint(busy, >=, 11900000 + 5632000 + 30000);
	g_assert_cmpuint(busy, <=, 11900000 + 5632000 + 32000);
}

static void
nec_sim_drive_state_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	g_autofree gchar *state_path = nec_sim_test_state_path();
	g_autoptr(NecSimDrive) drive = NULL;
	g_autoptr(GBytes) flash1 = NULL;
	g_autoptr(GBytes) flash2 = NULL;
	g_autoptr(GError) error = NULL;
	NecSimDriveOptions opts = {.state_path = state_path};
	gsize contentsz = 0;
	g_autofree gchar *contents = NULL;

	drive = nec_sim_test_drive_new(&opts);
	g_assert_true(g_file_test(state_path, G_FILE_TEST_EXISTS));
	nec_sim_test_flash(drive, image);
	flash1 = nec_sim_drive_get_flash(drive);
	nec_sim_drive_free(g_steal_pointer(&drive));

	g_assert_true(g_file_get_contents(state_path, &contents, &contentsz, &error));
	g_assert_no_error(error);
	g_assert_cmpint(contentsz, ==, 0x100000);

	/* the firmware option is ignored once there is a state */
	opts.firmware = image;
	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "3.04");
	flash2 = nec_sim_drive_get_flash(drive);
	g_assert_true(g_bytes_equal(flash1, flash2));
	g_assert_true(nec_sim_drive_save_state(drive, &error));
	g_assert_no_error(error);
	nec_sim_drive_free(g_steal_pointer(&drive));

	nec_sim_test_state_path_free(g_steal_pointer(&state_path));
}

/* erased but never programmed: only the bootcode starts, and a reflash recovers it */
static void
nec_sim_drive_erased_main_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	const guint8 *body = g_bytes_get_data(image, NULL);
	g_autofree gchar *state_path = nec_sim_test_state_path();
	g_autoptr(NecSimDrive) drive = NULL;
	NecSimDriveOptions opts = {.state_path = state_path, .disc = TRUE};

	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);
	g_assert_cmphex(nec_sim_test_checksum(drive, nec_sim_image_get_stored_checksum(body)),
			==,
			0);
	for (guint b = 2; b <= 18; b++)
		g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << b), ==, 0);
	nec_sim_drive_free(g_steal_pointer(&drive));

	drive = nec_sim_test_drive_new(&opts);
	g_assert_true(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_product(drive), ==, "DVD+RW ND-3100A ");
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "0.01");
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);

	/* leaving answers GOOD but the bootcode keeps running */
	g_assert_cmphex(nec_sim_test_safe_mode(drive, FALSE), ==, 0);
	g_assert_true(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "0.01");

	nec_sim_test_flash(drive, image);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "3.04");
	nec_sim_drive_free(g_steal_pointer(&drive));

	nec_sim_test_state_path_free(g_steal_pointer(&state_path));
}

static void
nec_sim_drive_fail_command_func(void)
{
	NecSimDriveOptions opts = {.disc = TRUE, .fail_command = 2};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	const guint8 inq[6] = {0x12, 0x00, 0x00, 0x00, 36, 0x00};
	guint8 buf[36] = {0};
	NecSimResult result;

	nec_sim_drive_execute(drive, inq, 6, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	nec_sim_drive_execute(drive, inq, 6, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmphex(nec_sim_sense_get(&result), ==, NEC_SIM_SENSE_HARDWARE_INTERNAL_FAILURE);
	g_assert_cmpint(result.resid, ==, sizeof(buf));
	/* not executed: still in normal mode afterwards */
	g_assert_cmphex(nec_sim_test_tur(drive), ==, 0);
	g_assert_cmpuint(nec_sim_drive_get_command_count(drive), ==, 3);
}

static void
nec_sim_drive_fail_command_safe_mode_func(void)
{
	NecSimDriveOptions opts = {.disc = TRUE, .fail_command = 1};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);

	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE),
			==,
			NEC_SIM_SENSE_HARDWARE_INTERNAL_FAILURE);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
}

static void
nec_sim_drive_power_loss_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	const guint8 *body = g_bytes_get_data(image, NULL);
	g_autofree gchar *state_path = nec_sim_test_state_path();
	g_autoptr(NecSimDrive) drive = NULL;
	NecSimDriveOptions opts = {.state_path = state_path};
	NecSimResult result;
	guint8 cdb[12] = {0};

	/* enter, 32 writes, checksum, 17 erases: the first program never answers */
	opts.power_loss_at = 1 + 32 + 1 + 17 + 1;
	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);
	g_assert_cmphex(nec_sim_test_checksum(drive, nec_sim_image_get_stored_checksum(body)),
			==,
			0);
	for (guint b = 2; b <= 18; b++)
		g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << b), ==, 0);
	nec_sim_test_cdb_blocks(cdb, 0x02, 1u << 2);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, &result);
	g_assert_true(result.no_answer);
	nec_sim_test_cdb_safe_mode(cdb, FALSE, NEC_SIM_TEST_KEY);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, &result);
	g_assert_true(result.no_answer);
	nec_sim_drive_free(g_steal_pointer(&drive));

	/* power back on: the erased main area leaves only the bootcode */
	opts.power_loss_at = 0;
	drive = nec_sim_test_drive_new(&opts);
	g_assert_true(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "0.01");
	nec_sim_drive_free(g_steal_pointer(&drive));

	nec_sim_test_state_path_free(g_steal_pointer(&state_path));
}

static void
nec_sim_drive_bridge_func(void)
{
	NecSimDriveOptions opts = {.disc = TRUE, .bridge_drops_vendor = TRUE};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	guint8 cdb[12] = {0};
	guint8 buf[0x20] = {0};

	nec_sim_test_cdb_read_ram(cdb, 0x4800, 0x20);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	nec_sim_test_cdb_read_boot(cdb);
	g_assert_cmphex(nec_sim_test_cmd(drive, cdb, NEC_SIM_DIR_IN, buf, sizeof(buf)),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, 0);
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "1.04");
}

/* ---- issue 9: hostile-drive options ---- */

static guint32
nec_sim_test_read_ram(NecSimDrive *drive, guint32 addr, guint16 len, guint8 *buf, gsize *resid)
{
	guint8 cdb[12] = {0};
	NecSimResult result;
	nec_sim_test_cdb_read_ram(cdb, addr, len);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, len, &result);
	*resid = result.resid;
	return nec_sim_sense_get(&result);
}

static void
nec_sim_drive_reset_at_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	const guint8 *body = g_bytes_get_data(image, NULL);
	NecSimDriveOptions opts = {.disc = TRUE};
	g_autoptr(NecSimDrive) drive = NULL;
	guint16 sum = nec_sim_image_get_stored_checksum(body);
	guint8 cdb[12] = {0};
	NecSimResult result;

	/* enter, 32 writes: the checksum meets a drive that just reset */
	opts.reset_at = 1 + 32 + 1;
	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);
	nec_sim_test_cdb_checksum(cdb, sum);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, &result);
	g_assert_cmphex(nec_sim_sense_get(&result), ==, NEC_SIM_SENSE_UNIT_ATTENTION_POWER_ON);
	g_assert_cmpstr(result.note, ==, "reset");
	/* the main firmware is intact, so it runs; the staged RAM is gone */
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "1.04");
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_cmphex(nec_sim_test_checksum(drive, sum),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_PARAMETER);
}

static void
nec_sim_drive_reset_at_erased_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	const guint8 *body = g_bytes_get_data(image, NULL);
	NecSimDriveOptions opts = {0};
	g_autoptr(NecSimDrive) drive = NULL;

	/* enter, 32 writes, checksum, 17 erases: the drive resets at the first program */
	opts.reset_at = 1 + 32 + 1 + 17 + 1;
	drive = nec_sim_test_drive_new(&opts);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);
	g_assert_cmphex(nec_sim_test_checksum(drive, nec_sim_image_get_stored_checksum(body)),
			==,
			0);
	for (guint b = 2; b <= 18; b++)
		g_assert_cmphex(nec_sim_test_blocks(drive, 0x04, 1u << b), ==, 0);
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << 2),
			==,
			NEC_SIM_SENSE_UNIT_ATTENTION_POWER_ON);
	/* an erased main area: only the bootcode can run, and it forgot the checksum */
	g_assert_true(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "0.01");
	g_assert_cmphex(nec_sim_test_blocks(drive, 0x02, 1u << 2),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
}

/* stage and checksum the 3.04 body from safe mode */
static void
nec_sim_test_prepare(NecSimDrive *drive, GBytes *image)
{
	const guint8 *body = g_bytes_get_data(image, NULL);
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	nec_sim_test_stage(drive, body);
	g_assert_cmphex(nec_sim_test_checksum(drive, nec_sim_image_get_stored_checksum(body)),
			==,
			0);
}

static void
nec_sim_drive_timeout_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(GBytes) flash = NULL;
	guint8 cdb[12] = {0};
	const guint8 tur[6] = {0};
	NecSimResult result;

	nec_sim_test_prepare(drive, image);
	/* 0.7 s of erase against a 300 ms timeout: the kernel gives up, the erase goes on */
	nec_sim_test_cdb_blocks(cdb, 0x04, 1u << 2);
	nec_sim_drive_execute_timed(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, 300, &result);
	g_assert_true(result.timed_out);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpint(result.sense_len, ==, 0);
	flash = nec_sim_drive_get_flash(drive);
	g_assert_cmphex(((const guint8 *)g_bytes_get_data(flash, NULL))[0x6000], ==, 0xFF);

	/* 400 ms of it left: a 300 ms command times out too, 100 ms remain */
	nec_sim_drive_execute_timed(drive, tur, 6, NEC_SIM_DIR_NONE, NULL, 0, 300, &result);
	g_assert_true(result.timed_out);
	nec_sim_drive_execute_timed(drive, tur, 6, NEC_SIM_DIR_NONE, NULL, 0, 300, &result);
	g_assert_false(result.timed_out);
	g_assert_cmphex(nec_sim_sense_get(&result), ==, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);

	/* within the timeout: an ordinary answer */
	nec_sim_test_cdb_blocks(cdb, 0x04, 1u << 3);
	nec_sim_drive_execute_timed(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, 701, &result);
	g_assert_false(result.timed_out);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
}

static void
nec_sim_drive_timeout_real_time_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	NecSimDriveOptions opts = {.time_scale = 0.1};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	guint8 cdb[12] = {0};
	const guint8 tur[6] = {0};
	NecSimResult result;
	gint64 start;

	nec_sim_test_prepare(drive, image);
	/* at scale 0.1: the 0.7 s erase would take 70 ms, the 100 ms timeout ends it after 10 ms */
	nec_sim_test_cdb_blocks(cdb, 0x04, 1u << 2);
	start = g_get_monotonic_time();
	nec_sim_drive_execute_timed(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, 100, &result);
	g_assert_true(result.timed_out);
	g_assert_cmpint(g_get_monotonic_time() - start, >=, 10000);
	g_assert_cmpint(g_get_monotonic_time() - start, <, 60000);
	/* the host waits longer than the rest (60 ms scaled): the drive is free again */
	g_usleep(80000);
	start = g_get_monotonic_time();
	nec_sim_drive_execute_timed(drive, tur, 6, NEC_SIM_DIR_NONE, NULL, 0, 100, &result);
	g_assert_false(result.timed_out);
	g_assert_cmpint(g_get_monotonic_time() - start, <, 10000);
}

static void
nec_sim_drive_slow_flash_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	NecSimDriveOptions opts = {.slow_flash = TRUE};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	guint64 busy;

	nec_sim_test_flash(drive, image);
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "3.04");
	/* 17 × 15 s erase, 512,000 words × 360 µs, 1,024,000 bytes at 33.3 MB/s */
	busy = nec_sim_drive_get_busy_us(drive);
	g_assert_cmpuint(busy, >=, 255000000 + 184320000 + 30000);
	g_assert_cmpuint(busy, <=, 255000000 + 184320000 + 32000);
}

static void
nec_sim_drive_spin_up_func(void)
{
	NecSimDriveOptions opts = {.disc = TRUE, .spin_up = 0.15};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	g_autoptr(NecSimDrive) drive_short = NULL;
	guint8 buf[0x20] = {0};
	gsize resid = 0;

	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
	/* only media access waits */
	g_assert_cmphex(nec_sim_test_read_ram(drive, 0x4800, sizeof(buf), buf, &resid), ==, 0);
	g_assert_cmpmem(buf, 4, "K352", 4);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
	g_usleep(200000);
	g_assert_cmphex(nec_sim_test_tur(drive), ==, 0);

	/* at least once, however short */
	opts.spin_up = 1e-9;
	drive_short = nec_sim_test_drive_new(&opts);
	g_usleep(1000);
	g_assert_cmphex(nec_sim_test_tur(drive_short), ==, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
	g_assert_cmphex(nec_sim_test_tur(drive_short), ==, 0);
}

static void
nec_sim_drive_erase_also_block_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_image("ND-3520A", "3.04");
	NecSimDriveOptions opts = {.erase_also = TRUE, .erase_also_block = 1};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	g_autoptr(GBytes) before = nec_sim_drive_get_flash(drive);
	g_autoptr(GBytes) after = NULL;
	const guint8 *buf;
	guint8 cdb[12] = {0};
	NecSimResult result;

	nec_sim_test_prepare(drive, image);
	nec_sim_test_cdb_blocks(cdb, 0x04, 1u << 5);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, &result);
	g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
	g_assert_cmpstr(result.note, ==, "erase-also-block");
	after = nec_sim_drive_get_flash(drive);
	buf = g_bytes_get_data(after, NULL);
	/* block 1 (0x4000..0x5FFF) erased, block 0 not */
	for (gsize i = 0x4000; i < 0x6000; i++)
		g_assert_cmphex(buf[i], ==, 0xFF);
	g_assert_cmpmem(buf, 0x4000, g_bytes_get_data(before, NULL), 0x4000);
	/* a refused erase erases nothing extra either */
	nec_sim_test_cdb_blocks(cdb, 0x04, 1u << 0);
	nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_NONE, NULL, 0, &result);
	g_assert_cmphex(nec_sim_sense_get(&result), ==, NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
	g_assert_null(result.note);
}

static void
nec_sim_drive_short_read_ram_func(void)
{
	NecSimDriveOptions opts = {.short_read_ram = TRUE, .short_read_ram_addr = 0x80000};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	g_autoptr(GBytes) flash = nec_sim_drive_get_flash(drive);
	const guint8 *fbuf = g_bytes_get_data(flash, NULL);
	g_autofree guint8 *buf = g_malloc(0x2000);
	gsize resid = 0;

	/* the read that reaches 0x80000 stops there; the rest of the buffer is not written */
	memset(buf, 0xAA, 0x2000);
	g_assert_cmphex(nec_sim_test_read_ram(drive, 0x7F000, 0x2000, buf, &resid), ==, 0);
	g_assert_cmpuint(resid, ==, 0x1000);
	g_assert_cmpmem(buf, 0x1000, fbuf + 0x7F000, 0x1000);
	for (gsize i = 0x1000; i < 0x2000; i++)
		g_assert_cmphex(buf[i], ==, 0xAA);
	/* starting there: nothing at all */
	g_assert_cmphex(nec_sim_test_read_ram(drive, 0x80000, 0x1000, buf, &resid), ==, 0);
	g_assert_cmpuint(resid, ==, 0x1000);
	/* other reads are whole */
	g_assert_cmphex(nec_sim_test_read_ram(drive, 0x81000, 0x1000, buf, &resid), ==, 0);
	g_assert_cmpuint(resid, ==, 0);
	g_assert_cmphex(nec_sim_test_read_ram(drive, 0x4800, 0x20, buf, &resid), ==, 0);
	g_assert_cmpuint(resid, ==, 0);
}

static void
nec_sim_drive_vendor_func(void)
{
	NecSimDriveOptions opts = {.vendor = "NEC"};
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new(&opts);
	const guint8 cdb[6] = {0x12, 0, 0, 0, 36, 0};
	guint8 buf[36] = {0};
	NecSimResult result;

	g_assert_cmpstr(nec_sim_drive_get_vendor(drive), ==, "NEC     ");
	nec_sim_drive_execute(drive, cdb, 6, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
	g_assert_cmpmem(buf + 8, 8, "NEC     ", 8);
	/* the bootcode says the same */
	g_assert_cmphex(nec_sim_test_safe_mode(drive, TRUE), ==, 0);
	g_assert_cmpstr(nec_sim_drive_get_vendor(drive), ==, "NEC     ");
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "0.01");
}

/* every answer of a fixed drive, garbled with one seed; notes joined */
static gchar *
nec_sim_test_garble_run(guint32 seed, guint rate, guint n, guint *count)
{
	g_autoptr(NecSimDrive) drive = nec_sim_test_drive_new_default();
	g_autoptr(NecSimGarble) garble = nec_sim_garble_new(seed, rate);
	g_autoptr(GString) str = g_string_new(NULL);
	guint8 cdb[12] = {0};
	guint8 buf[0x20];

	for (guint i = 0; i < n; i++) {
		NecSimResult result;
		nec_sim_test_cdb_read_ram(cdb, 0x4800, sizeof(buf));
		nec_sim_drive_execute(drive, cdb, 12, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
		g_assert_cmpmem(buf, 4, "K352", 4);
		nec_sim_garble_answer(garble, NEC_SIM_DIR_IN, buf, sizeof(buf), &result);
		if (result.note == NULL) {
			/* an untouched answer is the drive's own */
			g_assert_cmpint(result.status, ==, NEC_SIM_STATUS_GOOD);
			g_assert_cmpuint(result.resid, ==, 0);
			g_assert_cmpint(result.host_status, ==, 0);
			g_assert_cmpmem(buf, 4, "K352", 4);
		}
		/* a transport error or an answer without data: nothing arrived */
		if (g_strcmp0(result.note, "garbled=host") == 0 ||
		    g_strcmp0(result.note, "garbled=no-data") == 0) {
			g_assert_cmpuint(result.resid, ==, sizeof(buf));
			for (gsize j = 0; j < sizeof(buf); j++)
				g_assert_cmphex(buf[j], ==, 0);
		}
		g_string_append_printf(str,
				       "%s/%u/%u/%" G_GSIZE_FORMAT "/%02x%02x;",
				       result.note != NULL ? result.note : "-",
				       result.status,
				       result.host_status,
				       result.resid,
				       buf[0],
				       buf[31]);
	}
	*count = nec_sim_garble_get_count(garble);
	return g_string_free(g_steal_pointer(&str), FALSE);
}

static void
nec_sim_garble_func(void)
{
	const gchar *kinds[] = {"garbled=resid",
				"garbled=data",
				"garbled=sense",
				"garbled=status",
				"garbled=no-data",
				"garbled=host"};
	guint count1 = 0;
	guint count2 = 0;
	guint count3 = 0;
	g_autofree gchar *run1 = nec_sim_test_garble_run(42, 10, 1000, &count1);
	g_autofree gchar *run2 = nec_sim_test_garble_run(42, 10, 1000, &count2);
	g_autofree gchar *run3 = nec_sim_test_garble_run(43, 100, 600, &count3);

	/* the same seed spoils the same answers the same way */
	g_assert_cmpstr(run1, ==, run2);
	g_assert_cmpuint(count1, ==, count2);
	/* about 10 % of 1000 */
	g_assert_cmpuint(count1, >=, 60);
	g_assert_cmpuint(count1, <=, 140);
	/* at 100 % every answer, and every kind comes up */
	g_assert_cmpuint(count3, ==, 600);
	g_assert_null(strstr(run3, "-/"));
	for (guint i = 0; i < G_N_ELEMENTS(kinds); i++)
		g_assert_nonnull(strstr(run3, kinds[i]));
}

/* the names the runner's trace shows, from the CDBs of the protocol document */
static void
nec_sim_command_name_func(void)
{
	const struct {
		const gchar *cdb;
		const gchar *name;
	} cases[] = {
	    {"120000006000", "INQUIRY"},
	    {"000000000000", "TEST_UNIT_READY"},
	    {"460200000000000008000000", "GET_CONFIGURATION"},
	    {"5A003F000000000040000000", "MODE_SENSE_10"},
	    {"030000001200", "REQUEST_SENSE"},
	    {"FF0000000000", "unknown/0xFF"},
	    {"CC0000004800000020000000", "ReadRAM/0x004800/32"},
	    {"CC0000005F20000030000000", "ReadRAM/0x005F20/48"},
	    {"CC00000100000000105244A0", "ReadRAM/0x010000/16/rd=A0"},
	    {"CC0000004800000020000001", "ReadRAM/0x004800/32/id=000001"},
	    {"CC1000240000000020000000", "ReadRAM/0x240000/32/bank1"},
	    {"CC0101004B33353201000000", "SafeMode/enter/K352"},
	    {"CC0100004B33353201000000", "SafeMode/leave/K352"},
	    {"CC1101004B31333001000000", "SafeMode/enter/K130/bank1"},
	    {"CC0101000000FF0101000000", "SafeMode/enter/0x0000FF01"},
	    {"CC0102004B33353201000000", "SafeMode/mode=02/K352"},
	    {"CC04ABCD0000000020000000", "SendChecksum/8/0xABCD"},
	    {"CC04ABCD0000000004000000", "SendChecksum/1/0xABCD"},
	    {"CC1412340000000000000000", "SendChecksum/0/0x1234/bank1"},
	    {"CC04ABCD0000000021000000", "SendChecksum/ix=21/0xABCD"},
	    {"CB0100006000000008000000", "WriteRAM/0x006000/32768"},
	    {"CB01000FE000000002000000", "WriteRAM/0x0FE000/8192"},
	    {"CB1100240000000002000000", "WriteRAM/0x240000/8192/bank1"},
	    {"CB0400000000000080000000", "EraseBlock/7"},
	    {"CB0200000000040000000000", "ProgramBlock/18"},
	    {"CB0400000400000000000000", "EraseBlock/34"},
	    {"CB0480000000000000000000", "EraseBlock/55"},
	    {"CB1400000000000080000000", "EraseBlock/7/bank1"},
	    {"CB0400000000000003000000", "EraseBlock/bitmap=00000000000003"},
	    {"CB0200000000000000000000", "ProgramBlock/bitmap=00000000000000"},
	    {"CB1800000000000000000000", "EraseBank/bank1"},
	    {"CB0800000000000000000000", "EraseBank"},
	    {"CB0700000000000000000000", "unknown/0xCB"},
	    {"CB1700000000000000000000", "unknown/0xCB/bank1"},
	    {"CD005244424F4F5400000000", "ReadBoot"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		const gchar *hex = cases[i].cdb;
		g_autofree gchar *name = NULL;
		guint8 cdb[NEC_SIM_COMMAND_CDB_MAX] = {0};
		gsize cdb_len = strlen(hex) / 2;
		NecSimCommand cmd;

		for (gsize j = 0; j < cdb_len; j++)
			cdb[j] = (guint8)((g_ascii_xdigit_value(hex[2 * j]) << 4) |
					  g_ascii_xdigit_value(hex[2 * j + 1]));
		nec_sim_command_decode(&cmd, cdb, cdb_len, NEC_SIM_DIR_NONE, NULL, 0, NULL);
		name = nec_sim_command_to_string(&cmd);
		g_assert_cmpstr(name, ==, cases[i].name);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/nec-sim/image/size", nec_sim_image_size_func);
	g_test_add_func("/nec-sim/image/checksum", nec_sim_image_checksum_func);
	g_test_add_func("/nec-sim/image/inquiry", nec_sim_image_inquiry_func);
	g_test_add_func("/nec-sim/image/deterministic", nec_sim_image_deterministic_func);
	g_test_add_func("/nec-sim/image/body", nec_sim_image_body_func);
	g_test_add_func("/nec-sim/flash/map", nec_sim_flash_map_func);
	g_test_add_func("/nec-sim/drive/inquiry", nec_sim_drive_inquiry_func);
	g_test_add_func("/nec-sim/drive/inquiry-short", nec_sim_drive_inquiry_short_func);
	g_test_add_func("/nec-sim/drive/model-3540", nec_sim_drive_model_3540_func);
	g_test_add_func("/nec-sim/drive/firmware-option", nec_sim_drive_firmware_option_func);
	g_test_add_func("/nec-sim/drive/test-unit-ready", nec_sim_drive_test_unit_ready_func);
	g_test_add_func("/nec-sim/drive/read-ram", nec_sim_drive_read_ram_func);
	g_test_add_func("/nec-sim/drive/read-ram-misuse", nec_sim_drive_read_ram_misuse_func);
	g_test_add_func("/nec-sim/drive/safe-mode", nec_sim_drive_safe_mode_func);
	g_test_add_func("/nec-sim/drive/safe-mode-misuse", nec_sim_drive_safe_mode_misuse_func);
	g_test_add_func("/nec-sim/drive/becoming-ready", nec_sim_drive_becoming_ready_func);
	g_test_add_func("/nec-sim/drive/normal-mode-refuses",
			nec_sim_drive_normal_mode_refuses_func);
	g_test_add_func("/nec-sim/drive/write-ram-misuse", nec_sim_drive_write_ram_misuse_func);
	g_test_add_func("/nec-sim/drive/checksum", nec_sim_drive_checksum_func);
	g_test_add_func("/nec-sim/drive/erase-program", nec_sim_drive_erase_program_func);
	g_test_add_func("/nec-sim/drive/read-boot", nec_sim_drive_read_boot_func);
	g_test_add_func("/nec-sim/drive/unknown-opcode", nec_sim_drive_unknown_opcode_func);
	g_test_add_func("/nec-sim/drive/get-configuration", nec_sim_drive_get_configuration_func);
	g_test_add_func("/nec-sim/drive/mode-sense", nec_sim_drive_mode_sense_func);
	g_test_add_func("/nec-sim/drive/read-capacity", nec_sim_drive_read_capacity_func);
	g_test_add_func("/nec-sim/drive/report-key", nec_sim_drive_report_key_func);
	g_test_add_func("/nec-sim/drive/mmc-unit-attention", nec_sim_drive_mmc_unit_attention_func);
	g_test_add_func("/nec-sim/drive/flash-sequence", nec_sim_drive_flash_sequence_func);
	g_test_add_func("/nec-sim/drive/state", nec_sim_drive_state_func);
	g_test_add_func("/nec-sim/drive/erased-main", nec_sim_drive_erased_main_func);
	g_test_add_func("/nec-sim/drive/fail-command", nec_sim_drive_fail_command_func);
	g_test_add_func("/nec-sim/drive/fail-command-safe-mode",
			nec_sim_drive_fail_command_safe_mode_func);
	g_test_add_func("/nec-sim/drive/power-loss", nec_sim_drive_power_loss_func);
	g_test_add_func("/nec-sim/drive/bridge", nec_sim_drive_bridge_func);
	g_test_add_func("/nec-sim/drive/reset-at", nec_sim_drive_reset_at_func);
	g_test_add_func("/nec-sim/drive/reset-at-erased", nec_sim_drive_reset_at_erased_func);
	g_test_add_func("/nec-sim/drive/timeout", nec_sim_drive_timeout_func);
	g_test_add_func("/nec-sim/drive/timeout-real-time", nec_sim_drive_timeout_real_time_func);
	g_test_add_func("/nec-sim/drive/slow-flash", nec_sim_drive_slow_flash_func);
	g_test_add_func("/nec-sim/drive/spin-up", nec_sim_drive_spin_up_func);
	g_test_add_func("/nec-sim/drive/erase-also-block", nec_sim_drive_erase_also_block_func);
	g_test_add_func("/nec-sim/drive/short-read-ram", nec_sim_drive_short_read_ram_func);
	g_test_add_func("/nec-sim/drive/vendor", nec_sim_drive_vendor_func);
	g_test_add_func("/nec-sim/garble", nec_sim_garble_func);
	g_test_add_func("/nec-sim/command/name", nec_sim_command_name_func);
	return g_test_run();
}
