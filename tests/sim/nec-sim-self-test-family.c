/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-self-test-family.h"

#include <glib/gstdio.h>
#include <string.h>

#include "nec-sim-drive.h"
#include "nec-sim-image.h"
#include "nec-sim-sense.h"

/*
 * One drive of each family against Binflash's own flash sequence, written
 * down here from families.md section 6 (not from the simulator's table, so
 * that a slip in either shows), and the refusals each family must make.
 */

/* Binflash's WriteRAM runs: count commands of pages pages from addr, image at file */
typedef struct {
	guint8 bank;
	guint32 addr;
	guint8 pages;
	guint8 count;
	gsize file;
} NecSimTestRun;

typedef struct {
	gsize file; /* of the big-endian word sent */
	guint8 index;
} NecSimTestSum;

typedef struct {
	guint8 bank;
	NecSimTestRun runs[8];
	NecSimTestSum sums[2];
	gboolean erase_bank;
	guint8 erase[32];
	guint n_erase;
	guint8 program[32];
	guint n_program;
} NecSimTestSession;

/* an image part and where the state file keeps it */
typedef struct {
	gsize file;
	gsize size;
	gsize flash; /* state file offset */
} NecSimTestPart;

typedef struct {
	const gchar *model;
	const gchar *family;
	const gchar *key;
	const gchar *hwid;
	guint32 id_addr;
	guint32 rid_addr;
	gsize image_size; /* without bootcode version */
	gsize state_size;
	NecSimTestSession sessions[2];
	guint n_sessions;
	guint n_commands; /* families.md section 1 */
	NecSimTestPart parts[2];
	guint32 protected_end;	/* bank 0 below this is never written */
	guint8 wrong_index;	/* another family's SendChecksum byte 8 */
	guint8 protected_block; /* 0xFF: the family has none */
	gdouble model_s;	/* families.md section 9, seconds */
	const gchar *cdbs[8];	/* families.md 6.1, in sequence order; S1 S0 as "...." */
} NecSimTestFamily;

#define SEQ(...) __VA_ARGS__
static const NecSimTestFamily nec_sim_test_families[] = {
    {
	.model = "ND-1300A",
	.family = "640K",
	.key = "K110",
	.hwid = "K130",
	.id_addr = 0x4500,
	.rid_addr = 0x4F00,
	.image_size = 634888,
	.state_size = 0xA0000,
	.sessions =
	    {
		{
		    .bank = 0,
		    .runs = {{0, 0x5000, 1, 3, 0x0}, {0, 0x8000, 8, 15, 0x3000}},
		    .sums = {{0x7AFFE, 0}},
		    .erase = {13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7},
		    .n_erase = 11,
		    .program = {13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7},
		    .n_program = 11,
		},
		{
		    .bank = 1,
		    .runs = {{1, 0x240000, 2, 1, 0x7B004},
			     {1, 0x242000, 1, 1, 0x7D004},
			     {1, 0x243000, 1, 1, 0x7E004},
			     {1, 0x244000, 4, 1, 0x7F004},
			     {1, 0x248000, 8, 1, 0x83004},
			     {1, 0x250000, 8, 1, 0x8B004},
			     {1, 0x258000, 8, 1, 0x93004}},
		    .sums = {{0x9B002, 0}},
		    .erase_bank = TRUE,
		    .program = {8, 9, 10, 11, 12, 13, 14},
		    .n_program = 7,
		},
	    },
	.n_sessions = 2,
	.n_commands = 61,
	.parts = {{0x0, 0x7B000, 0x5000}, {0x7B004, 0x20000, 0x80000}},
	.protected_end = 0x5000,
	.wrong_index = 0x20,
	.protected_block = 0xFF,
	.model_s = 16.11,
	.cdbs = {SEQ("CC0101004B31313001000000",
		     "CB0100005000000001000000",
		     "CB0100078000000008000000",
		     "CB0400000000002000000000",
		     "CC1101004B31313001000000",
		     "CB1100240000000002000000",
		     "CB1800000000000000000000",
		     "CB1200000000004000000000")},
    },
    {
	.model = "ND-6450A",
	.family = "768K",
	.key = "L210",
	.hwid = "L245",
	.id_addr = 0x4500,
	.rid_addr = 0x4F00,
	.image_size = 753668,
	.state_size = 0xC0000,
	.sessions = {{
	    .runs = {{0, 0x8000, 8, 23, 0x0}},
	    .sums = {{0xB7FFE, 8}},
	    .erase = {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19},
	    .n_erase = 12,
	    .program = {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19},
	    .n_program = 12,
	}},
	.n_sessions = 1,
	.n_commands = 50,
	.parts = {{0x0, 0xB8000, 0x8000}},
	.protected_end = 0x8000,
	.wrong_index = 0x00,
	.protected_block = 7,
	.model_s = 12.57,
	.cdbs = {SEQ("CC0101004C32313001000000",
		     "CB0100008000000008000000",
		     "CB01000B8000000008000000",
		     "CC04....0000000020000000",
		     "CB0400000000000100000000",
		     "CB0400000000080000000000")},
    },
    {
	.model = "ND-3520A",
	.family = "1M",
	.key = "K352",
	.hwid = "K352",
	.id_addr = 0x4800,
	.rid_addr = 0x5F00,
	.image_size = 1024004,
	.state_size = 0x100000,
	.sessions = {{
	    .runs = {{0, 0x6000, 8, 31, 0x0}, {0, 0xFE000, 2, 1, 0xF8000}},
	    .sums = {{0xF9FFE, 8}},
	    .erase = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18},
	    .n_erase = 17,
	    .program = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18},
	    .n_program = 17,
	}},
	.n_sessions = 1,
	.n_commands = 69,
	.parts = {{0x0, 0xFA000, 0x6000}},
	.protected_end = 0x6000,
	.wrong_index = 0x00,
	.protected_block = 1,
	.model_s = 17.56,
	.cdbs = {SEQ("CB0100006000000008000000",
		     "CB01000FE000000002000000",
		     "CC04....0000000020000000",
		     "CB0400000000000004000000",
		     "CB0400000000040000000000")},
    },
    {
	.model = "ND-2500A",
	.family = "1M-K2",
	.key = "K210",
	.hwid = "K250",
	.id_addr = 0x4800,
	.rid_addr = 0x5F00,
	.image_size = 1024004,
	.state_size = 0x100000,
	.sessions = {{
	    .runs = {{0, 0x6000, 8, 31, 0x0}, {0, 0xFE000, 2, 1, 0xF8000}},
	    .sums = {{0x29FFE, 1}, {0xF9FFE, 2}},
	    .erase = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18},
	    .n_erase = 17,
	    .program = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18},
	    .n_program = 17,
	}},
	.n_sessions = 1,
	.n_commands = 70,
	.parts = {{0x0, 0xFA000, 0x6000}},
	.protected_end = 0x6000,
	.wrong_index = 0x20,
	.protected_block = 0,
	.model_s = 17.56,
	.cdbs = {SEQ("CC0101004B32313001000000",
		     "CC04....0000000004000000",
		     "CC04....0000000008000000")},
    },
    {
	.model = "ND-3550A",
	.family = "2M",
	.key = "K355",
	.hwid = "K355",
	.id_addr = 0x4800,
	.rid_addr = 0x5F00,
	.image_size = 1966086,
	.state_size = 0x200000,
	.sessions = {{
	    .runs = {{0, 0x10000, 8, 60, 0x0}},
	    .sums = {{0x1E0000, 0}},
	    .erase = {4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
		      20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34},
	    .n_erase = 31,
	    .program = {4,  5,	6,  7,	8,  9,	10, 11, 12, 13, 14, 15, 16, 17, 18,
			19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33},
	    .n_program = 30,
	}},
	.n_sessions = 1,
	.n_commands = 124,
	.parts = {{0x0, 0x1E0000, 0x10000}},
	.protected_end = 0x10000,
	.wrong_index = 0x20,
	.protected_block = 3,
	.model_s = 32.57,
	.cdbs = {SEQ("CB0100010000000008000000",
		     "CB01001E8000000008000000",
		     "CC04....0000000000000000",
		     "CB0400000000000010000000",
		     "CB0400000400000000000000",
		     "CB0200000200000000000000")},
    },
    {
	.model = "ND-4570A",
	.family = "2M",
	.key = "K470",
	.hwid = "K470",
	.id_addr = 0x4800,
	.rid_addr = 0x5F00,
	.image_size = 1966086,
	.state_size = 0x200000,
	.sessions = {{
	    .runs = {{0, 0x10000, 8, 60, 0x0}},
	    .sums = {{0x1E0000, 0}},
	    .erase = {4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
		      20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34},
	    .n_erase = 31,
	    .program = {4,  5,	6,  7,	8,  9,	10, 11, 12, 13, 14, 15, 16, 17, 18,
			19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33},
	    .n_program = 30,
	}},
	.n_sessions = 1,
	.n_commands = 124,
	.parts = {{0x0, 0x1E0000, 0x10000}},
	.protected_end = 0x10000,
	.wrong_index = 0x20,
	.protected_block = 0,
	.model_s = 32.57,
	.cdbs = {SEQ("CC0101004B34373001000000")},
    },
};

/* ---- commands: each returns the sense as 0xKKAAQQ, 0 for GOOD ---- */

static guint32
nec_sim_test_family_exec(NecSimDrive *drive,
			 const guint8 *cdb,
			 NecSimDir dir,
			 guint8 *data,
			 gsize len,
			 GPtrArray *log)
{
	NecSimResult result;
	nec_sim_drive_execute(drive, cdb, 12, dir, data, len, &result);
	g_assert_false(result.no_answer);
	if (log != NULL) {
		GString *str = g_string_new(NULL);
		for (guint i = 0; i < 12; i++)
			g_string_append_printf(str, "%02X", cdb[i]);
		g_ptr_array_add(log, g_string_free(str, FALSE));
	}
	return nec_sim_sense_get(&result);
}

static guint32
nec_sim_test_family_safe_mode(NecSimDrive *drive,
			      guint8 bank,
			      gboolean enter,
			      const gchar *key,
			      GPtrArray *log)
{
	guint8 cdb[12] = {0xCC, 0x01 | (bank << 4), enter ? 0x01 : 0x00, 0x00};
	memcpy(cdb + 4, key, 4);
	cdb[8] = 0x01;
	return nec_sim_test_family_exec(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0, log);
}

static guint32
nec_sim_test_family_read(NecSimDrive *drive,
			 guint8 bank,
			 guint32 addr,
			 guint16 len,
			 const guint8 *id,
			 guint8 *buf,
			 gsize bufsz)
{
	guint8 cdb[12] = {0xCC, (guint8)(bank << 4)};
	cdb[2] = addr >> 24;
	cdb[3] = (addr >> 16) & 0xff;
	cdb[4] = (addr >> 8) & 0xff;
	cdb[5] = addr & 0xff;
	cdb[7] = len >> 8;
	cdb[8] = len & 0xff;
	if (id != NULL)
		memcpy(cdb + 9, id, 3);
	return nec_sim_test_family_exec(drive, cdb, NEC_SIM_DIR_IN, buf, bufsz, NULL);
}

/* EraseSingleBlock (0x04) / FlashSingleBlock (0x02): byte 8 - b / 8 = 1 << b % 8 */
static guint32
nec_sim_test_family_block(NecSimDrive *drive, guint8 bank, guint8 sub, guint b, GPtrArray *log)
{
	guint8 cdb[12] = {0xCB, sub | (guint8)(bank << 4)};
	cdb[8 - b / 8] = 1 << (b % 8);
	return nec_sim_test_family_exec(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0, log);
}

static guint32
nec_sim_test_family_checksum(NecSimDrive *drive,
			     guint8 bank,
			     guint16 word,
			     guint8 index_byte,
			     GPtrArray *log)
{
	guint8 cdb[12] = {0xCC, 0x04 | (guint8)(bank << 4), word >> 8, word & 0xff};
	cdb[8] = index_byte;
	return nec_sim_test_family_exec(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0, log);
}

static NecSimDrive *
nec_sim_test_family_drive(const gchar *model, GBytes *firmware, const gchar *accept_key)
{
	NecSimDriveOptions opts = {.model = model, .firmware = firmware, .accept_key = accept_key};
	g_autoptr(GError) error = NULL;
	NecSimDrive *drive = nec_sim_drive_new(&opts, &error);
	g_assert_no_error(error);
	g_assert_nonnull(drive);
	return drive;
}

static GBytes *
nec_sim_test_family_image(const gchar *name, const gchar *revision)
{
	g_autoptr(GError) error = NULL;
	const NecSimModel *model = nec_sim_model_find(name, &error);
	GBytes *image;

	g_assert_no_error(error);
	image = nec_sim_image_new(model, revision, TRUE, &error);
	g_assert_no_error(error);
	return image;
}

/* ---- Binflash's sequence (families.md 6 and 6.1) ---- */

static guint
nec_sim_test_family_session(NecSimDrive *drive,
			    const NecSimTestFamily *fam,
			    const NecSimTestSession *ses,
			    const guint8 *img,
			    GPtrArray *log)
{
	guint n = 0;

	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, ses->bank, TRUE, fam->key, log),
			==,
			0);
	n++;
	for (guint r = 0; r < G_N_ELEMENTS(ses->runs) && ses->runs[r].count > 0; r++) {
		const NecSimTestRun *run = &ses->runs[r];
		for (guint i = 0; i < run->count; i++) {
			guint32 addr = run->addr + i * run->pages * 0x1000;
			guint8 cdb[12] = {0xCB, 0x01 | (guint8)(run->bank << 4)};
			cdb[2] = addr >> 24;
			cdb[3] = (addr >> 16) & 0xff;
			cdb[4] = (addr >> 8) & 0xff;
			cdb[5] = addr & 0xff;
			cdb[8] = run->pages;
			g_assert_cmphex(nec_sim_test_family_exec(drive,
								 cdb,
								 NEC_SIM_DIR_OUT,
								 (guint8 *)img + run->file +
								     (gsize)i * run->pages * 0x1000,
								 (gsize)run->pages * 0x1000,
								 log),
					==,
					0);
			n++;
		}
	}
	for (guint s = 0; s < G_N_ELEMENTS(ses->sums) && ses->sums[s].file != 0; s++) {
		const guint8 *w = img + ses->sums[s].file;
		g_assert_cmphex(nec_sim_test_family_checksum(drive,
							     ses->bank,
							     (guint16)((w[0] << 8) | w[1]),
							     4 * ses->sums[s].index,
							     log),
				==,
				0);
		n++;
	}
	if (ses->erase_bank) {
		guint8 cdb[12] = {0xCB, 0x08 | (guint8)(ses->bank << 4)};
		g_assert_cmphex(
		    nec_sim_test_family_exec(drive, cdb, NEC_SIM_DIR_NONE, NULL, 0, log),
		    ==,
		    0);
		n++;
	}
	for (guint i = 0; i < ses->n_erase; i++) {
		g_assert_cmphex(
		    nec_sim_test_family_block(drive, ses->bank, 0x04, ses->erase[i], log),
		    ==,
		    0);
		n++;
	}
	for (guint i = 0; i < ses->n_program; i++) {
		g_assert_cmphex(
		    nec_sim_test_family_block(drive, ses->bank, 0x02, ses->program[i], log),
		    ==,
		    0);
		n++;
	}
	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, ses->bank, FALSE, fam->key, log),
			==,
			0);
	return n + 1;
}

/* every CDB of 6.1 appears in the log, in that order ('.' matches any digit) */
static void
nec_sim_test_family_check_cdbs(const NecSimTestFamily *fam, GPtrArray *log)
{
	guint pos = 0;
	for (guint c = 0; c < G_N_ELEMENTS(fam->cdbs) && fam->cdbs[c] != NULL; c++) {
		gboolean found = FALSE;
		for (; pos < log->len && !found; pos++) {
			const gchar *got = g_ptr_array_index(log, pos);
			found = TRUE;
			for (guint i = 0; i < 24; i++) {
				if (fam->cdbs[c][i] != '.' && fam->cdbs[c][i] != got[i])
					found = FALSE;
			}
		}
		if (!found)
			g_error("%s: CDB %s of families.md 6.1 not sent in order",
				fam->family,
				fam->cdbs[c]);
	}
}

static void
nec_sim_test_family_binflash_func(gconstpointer user_data)
{
	const NecSimTestFamily *fam = user_data;
	g_autoptr(GBytes) image = nec_sim_test_family_image(fam->model, "9.99");
	g_autoptr(NecSimDrive) drive = nec_sim_test_family_drive(fam->model, NULL, NULL);
	g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GBytes) before = nec_sim_drive_get_flash(drive);
	g_autoptr(GBytes) after = NULL;
	const guint8 *img = g_bytes_get_data(image, NULL);
	const guint8 *flash;
	guint n = 0;
	guint64 busy_us;

	g_assert_cmpstr(nec_sim_drive_get_family_name(drive), ==, fam->family);
	g_assert_cmpint(g_bytes_get_size(before), ==, fam->state_size);
	g_assert_cmpint(g_bytes_get_size(image), ==, fam->image_size + 2);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), !=, "9.99");

	busy_us = nec_sim_drive_get_busy_us(drive);
	for (guint s = 0; s < fam->n_sessions; s++) {
		n += nec_sim_test_family_session(drive, fam, &fam->sessions[s], img, log);
		/* 640K: the bootcode waits for bank 1 (no restart, no unit attention) */
		if (s + 1 < fam->n_sessions)
			g_assert_true(nec_sim_drive_get_safe_mode(drive));
	}
	busy_us = nec_sim_drive_get_busy_us(drive) - busy_us;
	g_assert_cmpuint(n, ==, fam->n_commands);
	g_assert_cmpuint(log->len, ==, fam->n_commands);
	nec_sim_test_family_check_cdbs(fam, log);
	g_test_message("%s %s: Binflash's %u commands accepted, model time %.2f s",
		       fam->family,
		       fam->model,
		       n,
		       (gdouble)busy_us / G_USEC_PER_SEC);
	/* families.md section 9, within its rounding */
	g_assert_cmpfloat_with_epsilon((gdouble)busy_us / G_USEC_PER_SEC, fam->model_s, 0.05);

	/* a bootable drive with the image's body, and nothing below the body touched */
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "9.99");
	after = nec_sim_drive_get_flash(drive);
	flash = g_bytes_get_data(after, NULL);
	for (guint p = 0; p < G_N_ELEMENTS(fam->parts) && fam->parts[p].size > 0; p++)
		g_assert_cmpmem(flash + fam->parts[p].flash,
				fam->parts[p].size,
				img + fam->parts[p].file,
				fam->parts[p].size);
	g_assert_cmpmem(flash,
			fam->protected_end,
			g_bytes_get_data(before, NULL),
			fam->protected_end);
	/* 2M: block 34 erased, not programmed */
	if (fam->state_size == 0x200000) {
		for (gsize i = 0x1F0000; i < 0x200000; i++)
			g_assert_cmphex(flash[i], ==, 0xFF);
	}
}

/* ---- identification, keys, indexes, protected blocks ---- */

static void
nec_sim_test_family_identify_func(gconstpointer user_data)
{
	const NecSimTestFamily *fam = user_data;
	g_autoptr(NecSimDrive) drive = nec_sim_test_family_drive(fam->model, NULL, NULL);
	g_autofree gchar *model16 = g_strdup_printf("%-16s", fam->model);
	guint8 buf[0x80] = {0};

	/* Binflash's order: 0x4500 first, on every drive */
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x4500, 0x20, NULL, buf, 0x20), ==, 0);
	if (fam->id_addr == 0x4500) {
		g_assert_cmpmem(buf, 4, fam->hwid, 4);
	} else {
		g_assert_false(buf[0] >= 'A' && buf[0] <= 'Z');
		g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x4800, 0x20, NULL, buf, 0x20),
				==,
				0);
		g_assert_cmpmem(buf, 4, fam->hwid, 4);
	}
	/* the unknown-drive fall-backs never match an ID */
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x5000, 4, NULL, buf, 4), ==, 0);
	g_assert_false(buf[0] >= 'A' && buf[0] <= 'Z');
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x7000, 4, NULL, buf, 4), ==, 0);
	g_assert_false(buf[0] >= 'A' && buf[0] <= 'Z');
	/* RID area: vendor and model where Binflash's crossflash check looks */
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, fam->rid_addr, 0x80, NULL, buf, 0x80),
			==,
			0);
	g_assert_cmpmem(buf + 0x20, 8, "NEC     ", 8);
	g_assert_cmpmem(buf + 0x40, 16, model16, 16);
	/* outside the flash */
	g_assert_cmphex(
	    nec_sim_test_family_read(drive, 0, (guint32)fam->state_size, 4, NULL, buf, 4),
	    ==,
	    NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x240000, 4, NULL, buf, 4),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	if (fam->n_sessions == 2) {
		g_assert_cmphex(nec_sim_test_family_read(drive, 1, 0x240000, 4, NULL, buf, 4),
				==,
				0);
		g_assert_cmphex(nec_sim_test_family_read(drive, 1, 0x5000, 4, NULL, buf, 4),
				==,
				NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS);
	} else {
		/* no bank 1: the bank bit is an invalid field */
		g_assert_cmphex(nec_sim_test_family_read(drive, 1, 0x240000, 4, NULL, buf, 4),
				==,
				NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	}
}

static void
nec_sim_test_family_key_func(gconstpointer user_data)
{
	const NecSimTestFamily *fam = user_data;
	g_autoptr(NecSimDrive) drive = nec_sim_test_family_drive(fam->model, NULL, NULL);
	g_autoptr(NecSimDrive) hooked = nec_sim_test_family_drive(fam->model, NULL, "D355");

	/* the hardware ID when it is not the key, and another type's key: refused, mode kept */
	if (g_strcmp0(fam->hwid, fam->key) != 0) {
		g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, fam->hwid, NULL),
				==,
				NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		g_assert_false(nec_sim_drive_get_safe_mode(drive));
	}
	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, "D355", NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, fam->key, NULL), ==, 0);
	g_assert_true(nec_sim_drive_get_safe_mode(drive));
	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, FALSE, "D355", NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_true(nec_sim_drive_get_safe_mode(drive));

	/* the test hook's second key works, the canonical one still does */
	g_assert_cmphex(nec_sim_test_family_safe_mode(hooked, 0, TRUE, "D355", NULL), ==, 0);
	g_assert_true(nec_sim_drive_get_safe_mode(hooked));
	g_assert_cmphex(nec_sim_test_family_safe_mode(hooked, 0, TRUE, fam->key, NULL), ==, 0);
}

static void
nec_sim_test_family_refusals_func(gconstpointer user_data)
{
	const NecSimTestFamily *fam = user_data;
	const NecSimTestSession *ses = &fam->sessions[0];
	g_autoptr(GBytes) image = nec_sim_test_family_image(fam->model, "9.99");
	g_autoptr(NecSimDrive) drive = nec_sim_test_family_drive(fam->model, NULL, NULL);
	const guint8 *img = g_bytes_get_data(image, NULL);
	const guint8 *w = img + ses->sums[0].file;
	guint16 word = (guint16)((w[0] << 8) | w[1]);
	guint8 erase_bank[12] = {0xCB, 0x08};

	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, fam->key, NULL), ==, 0);
	/* another family's index, even with the right word */
	g_assert_cmphex(nec_sim_test_family_checksum(drive, 0, word, fam->wrong_index, NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	/* bootcode and settings */
	if (fam->protected_block != 0xFF) {
		g_assert_cmphex(
		    nec_sim_test_family_block(drive, 0, 0x04, fam->protected_block, NULL),
		    ==,
		    NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
		g_assert_cmphex(
		    nec_sim_test_family_block(drive, 0, 0x02, fam->protected_block, NULL),
		    ==,
		    NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED);
	} else {
		/* 640K bank 0 has no blocks 8..12 */
		g_assert_cmphex(nec_sim_test_family_block(drive, 0, 0x04, 8, NULL),
				==,
				NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	}
	/* a block past the family's map */
	g_assert_cmphex(nec_sim_test_family_block(drive, 0, 0x04, 35, NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	/* before the checksum: refused as out of sequence */
	g_assert_cmphex(nec_sim_test_family_block(drive, 0, 0x04, ses->erase[0], NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	/* EraseBank: bank 1 of the 640K family only */
	g_assert_cmphex(
	    nec_sim_test_family_exec(drive, erase_bank, NEC_SIM_DIR_NONE, NULL, 0, NULL),
	    ==,
	    fam->n_sessions == 2 ? NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD
				 : NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
	if (fam->n_sessions == 2) {
		/* bank 1 is erased whole: its single blocks are not on any erase list */
		g_assert_cmphex(nec_sim_test_family_block(drive, 1, 0x04, 8, NULL),
				==,
				NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		erase_bank[1] = 0x18;
		g_assert_cmphex(
		    nec_sim_test_family_exec(drive, erase_bank, NEC_SIM_DIR_NONE, NULL, 0, NULL),
		    ==,
		    NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
	}
	/* 2M block 34 is erased but never programmed */
	if (fam->state_size == 0x200000) {
		g_assert_cmphex(nec_sim_test_family_block(drive, 0, 0x02, 34, NULL),
				==,
				NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	}
	g_assert_true(nec_sim_drive_get_safe_mode(drive));
}

/* ---- dump id (K370, K371, K470, K471: families.md 10.8) ---- */

/* 2M: stage the image, send its sum, erase block 4 (0x10000..0x1FFFF) */
static void
nec_sim_test_family_erase_4(NecSimDrive *drive, const guint8 *img)
{
	guint8 sum[12] = {0xCC, 0x04, img[0x1E0000], img[0x1E0001]};
	guint8 erase[12] = {0xCB, 0x04, 0, 0, 0, 0, 0, 0, 0x10};

	for (guint32 addr = 0x10000; addr < 0x1F0000; addr += 0x8000) {
		guint8 cdb[12] =
		    {0xCB, 0x01, 0, (addr >> 16) & 0xff, (addr >> 8) & 0xff, 0, 0, 0, 8};
		g_assert_cmphex(nec_sim_test_family_exec(drive,
							 cdb,
							 NEC_SIM_DIR_OUT,
							 (guint8 *)img + addr - 0x10000,
							 0x8000,
							 NULL),
				==,
				0);
	}
	g_assert_cmphex(nec_sim_test_family_exec(drive, sum, NEC_SIM_DIR_NONE, NULL, 0, NULL),
			==,
			0);
	g_assert_cmphex(nec_sim_test_family_exec(drive, erase, NEC_SIM_DIR_NONE, NULL, 0, NULL),
			==,
			0);
}

static void
nec_sim_test_family_dump_id_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_family_image("ND-4570A", "9.99");
	g_autoptr(NecSimDrive) drive = nec_sim_test_family_drive("ND-4570A", image, NULL);
	g_autoptr(NecSimDrive) plain = nec_sim_test_family_drive("ND-3550A", NULL, NULL);
	const guint8 *img = g_bytes_get_data(image, NULL);
	const guint8 rd_a0[3] = {'R', 'D', 0xA0};
	const guint8 rd_a1[3] = {'R', 'D', 0xA1};
	const guint8 rd_ff[3] = {'R', 'D', 0xFF};
	guint8 buf[0x1000] = {0};

	g_assert_cmphex(img[0], ==, 0xA0);
	/* normal mode: Binflash's 1-byte read of the id works, a body read does not */
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x10000, 1, NULL, buf, 4), ==, 0);
	g_assert_cmphex(buf[0], ==, 0xA0);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x10000, 0x1000, NULL, buf, 0x1000),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x4800, 0x20, NULL, buf, 0x20), ==, 0);

	/* safe mode: 'R' 'D' id, the right id only */
	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, "K470", NULL), ==, 0);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x10000, 0x1000, NULL, buf, 0x1000),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x10000, 0x1000, rd_a1, buf, 0x1000),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	for (guint32 addr = 0x10000; addr < 0x1F0000; addr += 0x1000) {
		g_assert_cmphex(
		    nec_sim_test_family_read(drive, 0, addr, 0x1000, rd_a0, buf, 0x1000),
		    ==,
		    0);
		g_assert_cmpmem(buf, 0x1000, img + addr - 0x10000, 0x1000);
	}
	/* the id is the bootcode's: an erased body still wants A0 */
	nec_sim_test_family_erase_4(drive, img);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x10000, 0x1000, rd_a0, buf, 0x1000),
			==,
			0);
	g_assert_cmphex(buf[0], ==, 0xFF);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x10000, 0x1000, rd_ff, buf, 0x1000),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	/* bootcode and settings need no id */
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x5F00, 0x80, NULL, buf, 0x80), ==, 0);

	/* other 2M types read their body without id, and ignore one */
	g_assert_cmphex(nec_sim_test_family_read(plain, 0, 0x10000, 0x1000, NULL, buf, 0x1000),
			==,
			0);
	g_assert_cmphex(nec_sim_test_family_read(plain, 0, 0x10000, 0x1000, rd_a1, buf, 0x1000),
			==,
			0);
}

/* ---- the ID read and the key: a K312 drive takes K352 ---- */

static void
nec_sim_test_family_hwid_func(void)
{
	NecSimDriveOptions opts = {.model = "ND-3520A", .hwid = "K312"};
	g_autoptr(GError) error = NULL;
	g_autoptr(NecSimDrive) drive = nec_sim_drive_new(&opts, &error);
	guint8 buf[0x20] = {0};

	g_assert_no_error(error);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x4800, 0x20, NULL, buf, 0x20), ==, 0);
	g_assert_cmpmem(buf, 4, "K312", 4);
	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, "K312", NULL),
			==,
			NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
	g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, "K352", NULL), ==, 0);
}

/* ---- every model of the quirk file: an image, a drive running it, its ID ---- */

static void
nec_sim_test_family_every_model_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) models = nec_sim_model_get_all(&error);
	guint n_families[5] = {0};
	const gchar *families[] = {"640K", "768K", "1M", "1M-K2", "2M"};

	g_assert_no_error(error);
	for (guint i = 0; i < models->len; i++) {
		const NecSimModel *model = g_ptr_array_index(models, i);
		const NecSimFamily *family = model->family;
		g_autoptr(GBytes) image = nec_sim_image_new(model, "7.77", TRUE, &error);
		g_autoptr(NecSimDrive) drive = NULL;
		guint8 buf[0x20] = {0};

		g_assert_no_error(error);
		g_assert_cmpint(g_bytes_get_size(image), ==, family->image_size + 2);
		drive = nec_sim_test_family_drive(model->name, image, NULL);
		g_assert_false(nec_sim_drive_get_safe_mode(drive));
		g_assert_cmpstr(nec_sim_drive_get_revision(drive), ==, "7.77");
		g_assert_cmpstr(nec_sim_drive_get_product(drive), ==, model->product);
		g_assert_cmphex(
		    nec_sim_test_family_read(drive, 0, family->id_addr, 0x20, NULL, buf, 0x20),
		    ==,
		    0);
		g_assert_cmpmem(buf, 4, model->hwid, 4);
		g_assert_cmphex(nec_sim_test_family_safe_mode(drive, 0, TRUE, model->key, NULL),
				==,
				0);
		for (guint f = 0; f < G_N_ELEMENTS(families); f++)
			n_families[f] += g_strcmp0(family->name, families[f]) == 0;
	}
	g_test_message("%u models: 640K %u, 768K %u, 1M %u, 1M-K2 %u, 2M %u",
		       models->len,
		       n_families[0],
		       n_families[1],
		       n_families[2],
		       n_families[3],
		       n_families[4]);
	for (guint f = 0; f < G_N_ELEMENTS(families); f++)
		g_assert_cmpuint(n_families[f], >, 0);
}

/* ---- the RID hook: a crossflashed drive's settings name another model ---- */

static void
nec_sim_test_family_rid_func(void)
{
	NecSimDriveOptions opts = {.model = "ND-7550A", .rid_model = "ND-7551A"};
	g_autoptr(GError) error = NULL;
	g_autoptr(NecSimDrive) drive = nec_sim_drive_new(&opts, &error);
	guint8 buf[0x80] = {0};

	g_assert_no_error(error);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x4800, 4, NULL, buf, 4), ==, 0);
	g_assert_cmpmem(buf, 4, "L350", 4);
	g_assert_cmphex(nec_sim_test_family_read(drive, 0, 0x5F00, 0x80, NULL, buf, 0x80), ==, 0);
	g_assert_cmpmem(buf + 0x40, 16, "ND-7551A        ", 16);
	/* Binflash's characters: 0x43 and 0x46 */
	g_assert_cmpint(buf[0x43], ==, '7');
	g_assert_cmpint(buf[0x46], ==, '1');
}

/* ---- power-on rule: every part must pass (640K: both banks) ---- */

static void
nec_sim_test_family_power_on_func(void)
{
	g_autoptr(GBytes) image = nec_sim_test_family_image("ND-1300A", "9.99");
	g_autofree guint8 *buf = g_memdup2(g_bytes_get_data(image, NULL), g_bytes_get_size(image));
	g_autoptr(GBytes) broken = NULL;
	g_autoptr(NecSimDrive) good = nec_sim_test_family_drive("ND-1300A", image, NULL);
	g_autoptr(NecSimDrive) bad = NULL;

	g_assert_false(nec_sim_drive_get_safe_mode(good));
	/* one byte of the bank-1 part: its checksum fails, only the bootcode runs */
	buf[0x80000] ^= 0x01;
	broken = g_bytes_new(buf, g_bytes_get_size(image));
	bad = nec_sim_test_family_drive("ND-1300A", broken, NULL);
	g_assert_true(nec_sim_drive_get_safe_mode(bad));
}

/* ---- the image layouts (families.md 5.x) ---- */

static void
nec_sim_test_family_image_func(gconstpointer user_data)
{
	const NecSimTestFamily *fam = user_data;
	g_autoptr(GBytes) image = nec_sim_test_family_image(fam->model, "9.99");
	const guint8 *img = g_bytes_get_data(image, NULL);
	NecSimInquiry inquiry;
	gsize body = fam->parts[0].size;

	/* trailer (the canonical key, as dumps write it), bootcode version,
	 * signature at body 0x20000 */
	g_assert_cmpmem(img + fam->image_size - 4, 4, fam->key, 4);
	if (fam->n_sessions == 2)
		g_assert_cmpmem(img + 0x7B000, 4, fam->key, 4);
	g_assert_cmpint(nec_sim_image_count_signatures(img, fam->image_size), ==, 1);
	g_assert_true(nec_sim_image_read_inquiry(img + 0x20000, body - 0x20000, &inquiry));
	g_assert_cmpstr(inquiry.revision, ==, "9.99");
	/* every stored word is the sum of its part */
	for (guint s = 0; s < fam->n_sessions; s++) {
		const NecSimTestSession *ses = &fam->sessions[s];
		gsize start = fam->parts[s].file;
		for (guint j = 0; j < G_N_ELEMENTS(ses->sums) && ses->sums[j].file != 0; j++) {
			const guint8 *w = img + ses->sums[j].file;
			guint16 sum = 0;
			for (gsize i = start; i < ses->sums[j].file; i += 2)
				sum += (guint16)((img[i] << 8) | img[i + 1]);
			g_assert_cmphex(sum, ==, (w[0] << 8) | w[1]);
			start = ses->sums[j].file + 2;
		}
	}
}

static void
nec_sim_test_family_slim_func(void)
{
	g_autoptr(GError) error = NULL;
	const NecSimModel *model = nec_sim_model_find("ND-6450A", &error);
	NecSimImageOptions opts = {.laptop_slave = TRUE};
	g_autoptr(GBytes) master = nec_sim_image_new(model, "1.00", TRUE, &error);
	g_autoptr(GBytes) slave = nec_sim_image_new_full(model, "1.00", &opts, &error);
	NecSimImageOptions opts_hwid = {.hwid = "L25R"};
	g_autoptr(GBytes) l25r = nec_sim_image_new_full(model, "1.00", &opts_hwid, &error);

	g_assert_no_error(error);
	/* L2: master 78, slave 85 at image offset 0x400 */
	g_assert_cmphex(((const guint8 *)g_bytes_get_data(master, NULL))[0x400], ==, 0x78);
	g_assert_cmphex(((const guint8 *)g_bytes_get_data(slave, NULL))[0x400], ==, 0x85);
	/* and the bootcode version of each class: 00 master, 01 slave */
	g_assert_cmpmem((const guint8 *)g_bytes_get_data(master, NULL) + 0xB8004, 2, "00", 2);
	g_assert_cmpmem((const guint8 *)g_bytes_get_data(slave, NULL) + 0xB8004, 2, "01", 2);
	g_assert_cmpmem((const guint8 *)g_bytes_get_data(l25r, NULL) + 0xB8000, 4, "L25R", 4);
}

static void
nec_sim_test_family_state_func(gconstpointer user_data)
{
	const NecSimTestFamily *fam = user_data;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("nec-sim-XXXXXX", &error);
	g_autofree gchar *path = g_build_filename(dir, "flash.bin", NULL);
	NecSimDriveOptions opts = {.model = fam->model, .state_path = path};
	NecSimDriveOptions other = {.model = fam->n_sessions == 2 ? "ND-3520A" : "ND-1300A",
				    .state_path = path};
	NecSimDrive *drive = nec_sim_drive_new(&opts, &error);
	gchar *buf = NULL;
	gsize bufsz = 0;

	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(path, &buf, &bufsz, &error));
	g_assert_cmpint(bufsz, ==, fam->state_size);
	g_free(buf);
	nec_sim_drive_free(drive);
	/* the same file again, and a model of another size refused */
	drive = nec_sim_drive_new(&opts, &error);
	g_assert_no_error(error);
	g_assert_false(nec_sim_drive_get_safe_mode(drive));
	nec_sim_drive_free(drive);
	g_assert_null(nec_sim_drive_new(&other, &error));
	g_assert_nonnull(error);
	g_unlink(path);
	g_rmdir(dir);
}

void
nec_sim_self_test_family_add(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_test_families); i++) {
		const NecSimTestFamily *fam = &nec_sim_test_families[i];
		g_autofree gchar *binflash =
		    g_strdup_printf("/nec-sim/family/%s/binflash", fam->model);
		g_autofree gchar *identify =
		    g_strdup_printf("/nec-sim/family/%s/identify", fam->model);
		g_autofree gchar *key = g_strdup_printf("/nec-sim/family/%s/key", fam->model);
		g_autofree gchar *refusals =
		    g_strdup_printf("/nec-sim/family/%s/refusals", fam->model);
		g_autofree gchar *image = g_strdup_printf("/nec-sim/family/%s/image", fam->model);
		g_autofree gchar *state = g_strdup_printf("/nec-sim/family/%s/state", fam->model);
		g_test_add_data_func(binflash, fam, nec_sim_test_family_binflash_func);
		g_test_add_data_func(identify, fam, nec_sim_test_family_identify_func);
		g_test_add_data_func(key, fam, nec_sim_test_family_key_func);
		g_test_add_data_func(refusals, fam, nec_sim_test_family_refusals_func);
		g_test_add_data_func(image, fam, nec_sim_test_family_image_func);
		g_test_add_data_func(state, fam, nec_sim_test_family_state_func);
	}
	g_test_add_func("/nec-sim/family/dump-id", nec_sim_test_family_dump_id_func);
	g_test_add_func("/nec-sim/family/hwid", nec_sim_test_family_hwid_func);
	g_test_add_func("/nec-sim/family/power-on-640k", nec_sim_test_family_power_on_func);
	g_test_add_func("/nec-sim/family/rid-model", nec_sim_test_family_rid_func);
	g_test_add_func("/nec-sim/family/every-model", nec_sim_test_family_every_model_func);
	g_test_add_func("/nec-sim/family/slim", nec_sim_test_family_slim_func);
}
