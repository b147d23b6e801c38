/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-family.h"

/*
 * The NEC flash families as Binflash flashes them (tests/sim/families.md, 11.1):
 * where the main firmware lies in flash and in the image, the WriteRAM split,
 * the checksum words and the erase and program blocks, in the order sent.
 * Block maps are the sector layouts of the NOR chips the block numbers imply.
 * Every figure is data from there: nocheck:magic-inlines=300
 */

/* 640K: 512 KiB bank 0 and 128 KiB bank 1, one safe-mode session each */
static const FuNecOddBlock fu_nec_odd_family_640k_blocks[] = {
    {0, 13, 0x05000, 0x1000},
    {0, 14, 0x06000, 0x1000},
    {0, 15, 0x07000, 0x1000},
    {0, 0, 0x08000, 0x8000},
    {0, 1, 0x10000, 0x10000},
    {0, 2, 0x20000, 0x10000},
    {0, 3, 0x30000, 0x10000},
    {0, 4, 0x40000, 0x10000},
    {0, 5, 0x50000, 0x10000},
    {0, 6, 0x60000, 0x10000},
    {0, 7, 0x70000, 0x10000},
    {1, 8, 0x240000, 0x2000},
    {1, 9, 0x242000, 0x1000},
    {1, 10, 0x243000, 0x1000},
    {1, 11, 0x244000, 0x4000},
    {1, 12, 0x248000, 0x8000},
    {1, 13, 0x250000, 0x8000},
    {1, 14, 0x258000, 0x8000},
};
static const FuNecOddWriteRun fu_nec_odd_family_640k_bank0_runs[] = {
    {0x5000, 1, 3},
    {0x8000, 8, 15},
};
static const FuNecOddWriteRun fu_nec_odd_family_640k_bank1_runs[] = {
    {0x240000, 2, 1},
    {0x242000, 1, 2},
    {0x244000, 4, 1},
    {0x248000, 8, 3},
};
static const FuNecOddChecksum fu_nec_odd_family_640k_bank0_checksums[] = {{0x7AFFE, 0x0, 0}};
static const FuNecOddChecksum fu_nec_odd_family_640k_bank1_checksums[] = {{0x9B002, 0x7B004, 0}};
static const guint8 fu_nec_odd_family_640k_bank0_blocks[] = {13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7};
static const guint8 fu_nec_odd_family_640k_bank1_blocks[] = {8, 9, 10, 11, 12, 13, 14};
static const FuNecOddArea fu_nec_odd_family_640k_areas[] = {
    {
	.bank = 0,
	.flash_addr = 0x5000,
	.size = 0x7B000,
	.file_offset = 0x0,
	.runs = fu_nec_odd_family_640k_bank0_runs,
	.n_runs = G_N_ELEMENTS(fu_nec_odd_family_640k_bank0_runs),
	.checksums = fu_nec_odd_family_640k_bank0_checksums,
	.n_checksums = G_N_ELEMENTS(fu_nec_odd_family_640k_bank0_checksums),
	.erase_blocks = fu_nec_odd_family_640k_bank0_blocks,
	.n_erase_blocks = G_N_ELEMENTS(fu_nec_odd_family_640k_bank0_blocks),
	.program_blocks = fu_nec_odd_family_640k_bank0_blocks,
	.n_program_blocks = G_N_ELEMENTS(fu_nec_odd_family_640k_bank0_blocks),
    },
    {
	.bank = 1,
	.flash_addr = 0x240000,
	.size = 0x20000,
	.file_offset = 0x7B004,
	.runs = fu_nec_odd_family_640k_bank1_runs,
	.n_runs = G_N_ELEMENTS(fu_nec_odd_family_640k_bank1_runs),
	.checksums = fu_nec_odd_family_640k_bank1_checksums,
	.n_checksums = G_N_ELEMENTS(fu_nec_odd_family_640k_bank1_checksums),
	.erase_whole_bank = TRUE,
	.program_blocks = fu_nec_odd_family_640k_bank1_blocks,
	.n_program_blocks = G_N_ELEMENTS(fu_nec_odd_family_640k_bank1_blocks),
    },
};
static const FuNecOddFamily fu_nec_odd_family_640k = {
    .name = "640K",
    .id_addr = 0x4500,
    .rid_addr = 0x4F00,
    .image_size = 0x9B008,
    .id_offset = 0x9B004,
    .id_copy_offset = 0x7B000,
    .areas = fu_nec_odd_family_640k_areas,
    .n_areas = G_N_ELEMENTS(fu_nec_odd_family_640k_areas),
    .blocks = fu_nec_odd_family_640k_blocks,
    .n_blocks = G_N_ELEMENTS(fu_nec_odd_family_640k_blocks),
};

/* 768K: eight 4 KiB blocks of bootcode and settings, then the body */
static const FuNecOddBlock fu_nec_odd_family_768k_blocks[] = {
    {0, 0, 0x0000, 0x1000},    {0, 1, 0x1000, 0x1000},	  {0, 2, 0x2000, 0x1000},
    {0, 3, 0x3000, 0x1000},    {0, 4, 0x4000, 0x1000},	  {0, 5, 0x5000, 0x1000},
    {0, 6, 0x6000, 0x1000},    {0, 7, 0x7000, 0x1000},	  {0, 8, 0x8000, 0x8000},
    {0, 9, 0x10000, 0x10000},  {0, 10, 0x20000, 0x10000}, {0, 11, 0x30000, 0x10000},
    {0, 12, 0x40000, 0x10000}, {0, 13, 0x50000, 0x10000}, {0, 14, 0x60000, 0x10000},
    {0, 15, 0x70000, 0x10000}, {0, 16, 0x80000, 0x10000}, {0, 17, 0x90000, 0x10000},
    {0, 18, 0xA0000, 0x10000}, {0, 19, 0xB0000, 0x10000},
};
static const FuNecOddWriteRun fu_nec_odd_family_768k_runs[] = {{0x8000, 8, 23}};
static const FuNecOddChecksum fu_nec_odd_family_768k_checksums[] = {{0xB7FFE, 0x0, 8}};
static const guint8 fu_nec_odd_family_768k_area_blocks[] =
    {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
static const FuNecOddArea fu_nec_odd_family_768k_areas[] = {{
    .bank = 0,
    .flash_addr = 0x8000,
    .size = 0xB8000,
    .file_offset = 0x0,
    .runs = fu_nec_odd_family_768k_runs,
    .n_runs = G_N_ELEMENTS(fu_nec_odd_family_768k_runs),
    .checksums = fu_nec_odd_family_768k_checksums,
    .n_checksums = G_N_ELEMENTS(fu_nec_odd_family_768k_checksums),
    .erase_blocks = fu_nec_odd_family_768k_area_blocks,
    .n_erase_blocks = G_N_ELEMENTS(fu_nec_odd_family_768k_area_blocks),
    .program_blocks = fu_nec_odd_family_768k_area_blocks,
    .n_program_blocks = G_N_ELEMENTS(fu_nec_odd_family_768k_area_blocks),
}};
static const FuNecOddFamily fu_nec_odd_family_768k = {
    .name = "768K",
    .id_addr = 0x4500,
    .rid_addr = 0x4F00,
    .image_size = 0xB8004,
    .id_offset = 0xB8000,
    .areas = fu_nec_odd_family_768k_areas,
    .n_areas = G_N_ELEMENTS(fu_nec_odd_family_768k_areas),
    .blocks = fu_nec_odd_family_768k_blocks,
    .n_blocks = G_N_ELEMENTS(fu_nec_odd_family_768k_blocks),
};

/* 1M and 2M: bottom-boot NOR, bootcode in block 0, settings and calibration in block 1 */
static const FuNecOddBlock fu_nec_odd_family_1m_blocks[] = {
    {0, 0, 0x0000, 0x4000},    {0, 1, 0x4000, 0x2000},	  {0, 2, 0x6000, 0x2000},
    {0, 3, 0x8000, 0x8000},    {0, 4, 0x10000, 0x10000},  {0, 5, 0x20000, 0x10000},
    {0, 6, 0x30000, 0x10000},  {0, 7, 0x40000, 0x10000},  {0, 8, 0x50000, 0x10000},
    {0, 9, 0x60000, 0x10000},  {0, 10, 0x70000, 0x10000}, {0, 11, 0x80000, 0x10000},
    {0, 12, 0x90000, 0x10000}, {0, 13, 0xA0000, 0x10000}, {0, 14, 0xB0000, 0x10000},
    {0, 15, 0xC0000, 0x10000}, {0, 16, 0xD0000, 0x10000}, {0, 17, 0xE0000, 0x10000},
    {0, 18, 0xF0000, 0x10000},
};
static const FuNecOddWriteRun fu_nec_odd_family_1m_runs[] = {
    {0x6000, 8, 31},
    {0xFE000, 2, 1},
};
static const FuNecOddChecksum fu_nec_odd_family_1m_checksums[] = {{0xF9FFE, 0x0, 8}};
/* the K2 types check the body as two parts, split at flash 0x30000 (block 6) */
static const FuNecOddChecksum fu_nec_odd_family_1m_k2_checksums[] = {
    {0x29FFE, 0x0, 1},
    {0xF9FFE, 0x2A000, 2},
};
static const guint8 fu_nec_odd_family_1m_area_blocks[] =
    {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
static const FuNecOddArea fu_nec_odd_family_1m_areas[] = {{
    .bank = 0,
    .flash_addr = 0x6000,
    .size = 0xFA000,
    .file_offset = 0x0,
    .runs = fu_nec_odd_family_1m_runs,
    .n_runs = G_N_ELEMENTS(fu_nec_odd_family_1m_runs),
    .checksums = fu_nec_odd_family_1m_checksums,
    .n_checksums = G_N_ELEMENTS(fu_nec_odd_family_1m_checksums),
    .erase_blocks = fu_nec_odd_family_1m_area_blocks,
    .n_erase_blocks = G_N_ELEMENTS(fu_nec_odd_family_1m_area_blocks),
    .program_blocks = fu_nec_odd_family_1m_area_blocks,
    .n_program_blocks = G_N_ELEMENTS(fu_nec_odd_family_1m_area_blocks),
}};
static const FuNecOddArea fu_nec_odd_family_1m_k2_areas[] = {{
    .bank = 0,
    .flash_addr = 0x6000,
    .size = 0xFA000,
    .file_offset = 0x0,
    .runs = fu_nec_odd_family_1m_runs,
    .n_runs = G_N_ELEMENTS(fu_nec_odd_family_1m_runs),
    .checksums = fu_nec_odd_family_1m_k2_checksums,
    .n_checksums = G_N_ELEMENTS(fu_nec_odd_family_1m_k2_checksums),
    .erase_blocks = fu_nec_odd_family_1m_area_blocks,
    .n_erase_blocks = G_N_ELEMENTS(fu_nec_odd_family_1m_area_blocks),
    .program_blocks = fu_nec_odd_family_1m_area_blocks,
    .n_program_blocks = G_N_ELEMENTS(fu_nec_odd_family_1m_area_blocks),
}};
static const FuNecOddFamily fu_nec_odd_family_1m = {
    .name = "1M",
    .id_addr = 0x4800,
    .rid_addr = 0x5F00,
    .image_size = 0xFA004,
    .id_offset = 0xFA000,
    .areas = fu_nec_odd_family_1m_areas,
    .n_areas = G_N_ELEMENTS(fu_nec_odd_family_1m_areas),
    .blocks = fu_nec_odd_family_1m_blocks,
    .n_blocks = G_N_ELEMENTS(fu_nec_odd_family_1m_blocks),
};
static const FuNecOddFamily fu_nec_odd_family_1m_k2 = {
    .name = "1M-K2",
    .id_addr = 0x4800,
    .rid_addr = 0x5F00,
    .image_size = 0xFA004,
    .id_offset = 0xFA000,
    .areas = fu_nec_odd_family_1m_k2_areas,
    .n_areas = G_N_ELEMENTS(fu_nec_odd_family_1m_k2_areas),
    .blocks = fu_nec_odd_family_1m_blocks,
    .n_blocks = G_N_ELEMENTS(fu_nec_odd_family_1m_blocks),
};

/* 2M: blocks 2 and 3 lie outside the body; Binflash erases block 34, right
 * after the body, and never programs it */
static const FuNecOddBlock fu_nec_odd_family_2m_blocks[] = {
    {0, 0, 0x0000, 0x4000},	{0, 1, 0x4000, 0x2000},	    {0, 2, 0x6000, 0x2000},
    {0, 3, 0x8000, 0x8000},	{0, 4, 0x10000, 0x10000},   {0, 5, 0x20000, 0x10000},
    {0, 6, 0x30000, 0x10000},	{0, 7, 0x40000, 0x10000},   {0, 8, 0x50000, 0x10000},
    {0, 9, 0x60000, 0x10000},	{0, 10, 0x70000, 0x10000},  {0, 11, 0x80000, 0x10000},
    {0, 12, 0x90000, 0x10000},	{0, 13, 0xA0000, 0x10000},  {0, 14, 0xB0000, 0x10000},
    {0, 15, 0xC0000, 0x10000},	{0, 16, 0xD0000, 0x10000},  {0, 17, 0xE0000, 0x10000},
    {0, 18, 0xF0000, 0x10000},	{0, 19, 0x100000, 0x10000}, {0, 20, 0x110000, 0x10000},
    {0, 21, 0x120000, 0x10000}, {0, 22, 0x130000, 0x10000}, {0, 23, 0x140000, 0x10000},
    {0, 24, 0x150000, 0x10000}, {0, 25, 0x160000, 0x10000}, {0, 26, 0x170000, 0x10000},
    {0, 27, 0x180000, 0x10000}, {0, 28, 0x190000, 0x10000}, {0, 29, 0x1A0000, 0x10000},
    {0, 30, 0x1B0000, 0x10000}, {0, 31, 0x1C0000, 0x10000}, {0, 32, 0x1D0000, 0x10000},
    {0, 33, 0x1E0000, 0x10000}, {0, 34, 0x1F0000, 0x10000},
};
static const FuNecOddWriteRun fu_nec_odd_family_2m_runs[] = {{0x10000, 8, 60}};
/* the word after the body, not the body's last word */
static const FuNecOddChecksum fu_nec_odd_family_2m_checksums[] = {{0x1E0000, 0x0, 0}};
static const guint8 fu_nec_odd_family_2m_erase_blocks[] = {
    4,	5,  6,	7,  8,	9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
};
static const guint8 fu_nec_odd_family_2m_program_blocks[] = {
    4,	5,  6,	7,  8,	9,  10, 11, 12, 13, 14, 15, 16, 17, 18,
    19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
};
static const FuNecOddArea fu_nec_odd_family_2m_areas[] = {{
    .bank = 0,
    .flash_addr = 0x10000,
    .size = 0x1E0000,
    .file_offset = 0x0,
    .runs = fu_nec_odd_family_2m_runs,
    .n_runs = G_N_ELEMENTS(fu_nec_odd_family_2m_runs),
    .checksums = fu_nec_odd_family_2m_checksums,
    .n_checksums = G_N_ELEMENTS(fu_nec_odd_family_2m_checksums),
    .erase_blocks = fu_nec_odd_family_2m_erase_blocks,
    .n_erase_blocks = G_N_ELEMENTS(fu_nec_odd_family_2m_erase_blocks),
    .program_blocks = fu_nec_odd_family_2m_program_blocks,
    .n_program_blocks = G_N_ELEMENTS(fu_nec_odd_family_2m_program_blocks),
}};
static const FuNecOddFamily fu_nec_odd_family_2m = {
    .name = "2M",
    .id_addr = 0x4800,
    .rid_addr = 0x5F00,
    .image_size = 0x1E0006,
    .id_offset = 0x1E0002,
    .areas = fu_nec_odd_family_2m_areas,
    .n_areas = G_N_ELEMENTS(fu_nec_odd_family_2m_areas),
    .blocks = fu_nec_odd_family_2m_blocks,
    .n_blocks = G_N_ELEMENTS(fu_nec_odd_family_2m_blocks),
    .dump_id_addr = 0x10000,
};

/* 1M before 1M-K2: an image of that size is 1M when its single checksum holds */
static const FuNecOddFamily *const fu_nec_odd_families[] = {
    &fu_nec_odd_family_640k,
    &fu_nec_odd_family_768k,
    &fu_nec_odd_family_1m,
    &fu_nec_odd_family_1m_k2,
    &fu_nec_odd_family_2m,
};

/**
 * fu_nec_odd_family_lookup:
 * @name: a family name as `NecOddFamily` gives it, e.g. `2M`
 *
 * Finds a flash family.
 *
 * Returns: a family, or %NULL for an unknown name (also for `unsupported`)
 **/
const FuNecOddFamily *
fu_nec_odd_family_lookup(const gchar *name)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++) {
		if (g_strcmp0(name, fu_nec_odd_families[i]->name) == 0)
			return fu_nec_odd_families[i];
	}
	return NULL;
}

/**
 * fu_nec_odd_family_get_all:
 * @n_families: (out): the number of families
 *
 * Gets every flash family, 1M before 1M-K2.
 *
 * Returns: the families
 **/
const FuNecOddFamily *const *
fu_nec_odd_family_get_all(guint *n_families)
{
	*n_families = G_N_ELEMENTS(fu_nec_odd_families);
	return fu_nec_odd_families;
}

/**
 * fu_nec_odd_family_lookup_block:
 * @family: a family
 * @bank: 0, or 1 for the second chip
 * @number: the block number
 *
 * Finds a block of the family's flash map.
 *
 * Returns: the block, or %NULL if the bank has no block of that number
 **/
const FuNecOddBlock *
fu_nec_odd_family_lookup_block(const FuNecOddFamily *family, guint8 bank, guint number)
{
	for (guint i = 0; i < family->n_blocks; i++) {
		const FuNecOddBlock *block = &family->blocks[i];
		if (block->bank == bank && block->number == number)
			return block;
	}
	return NULL;
}

/**
 * fu_nec_odd_family_get_protected_size:
 * @family: a family
 *
 * Gets the size of the bootcode and settings at the start of bank 0, which
 * nothing may erase: everything below the first area.
 *
 * Returns: a size in bytes
 **/
guint32
fu_nec_odd_family_get_protected_size(const FuNecOddFamily *family)
{
	guint32 size = G_MAXUINT32;
	for (guint i = 0; i < family->n_areas; i++) {
		if (family->areas[i].bank == 0)
			size = MIN(size, family->areas[i].flash_addr);
	}
	return size;
}

/**
 * fu_nec_odd_family_get_image_size:
 * @family: a family
 * @has_bootcode: if the image ends with the 2-byte bootcode version
 *
 * Gets the size of an image file of the family.
 *
 * Returns: a size in bytes
 **/
gsize
fu_nec_odd_family_get_image_size(const FuNecOddFamily *family, gboolean has_bootcode)
{
	return family->image_size + (has_bootcode ? 2 : 0);
}

/**
 * fu_nec_odd_family_get_image_sizes_str:
 *
 * Describes the image sizes of every family, for errors.
 *
 * Returns: e.g. `634888 or 634890 (640K), …`
 **/
gchar *
fu_nec_odd_family_get_image_sizes_str(void)
{
	g_autoptr(GString) str = g_string_new(NULL);
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++) {
		const FuNecOddFamily *family = fu_nec_odd_families[i];

		/* 1M-K2 has the size of 1M */
		if (i > 0 && family->image_size == fu_nec_odd_families[i - 1]->image_size) {
			g_string_truncate(str, str->len - 1);
			g_string_append_printf(str, ", %s)", family->name);
			continue;
		}
		if (str->len > 0)
			g_string_append(str, ", ");
		g_string_append_printf(str,
				       "%" G_GSIZE_FORMAT " or %" G_GSIZE_FORMAT " (%s)",
				       fu_nec_odd_family_get_image_size(family, FALSE),
				       fu_nec_odd_family_get_image_size(family, TRUE),
				       family->name);
	}
	return g_string_free(g_steal_pointer(&str), FALSE);
}

/**
 * fu_nec_odd_family_get_image_size_min:
 *
 * Gets the size of the smallest image of any family.
 *
 * Returns: a size in bytes
 **/
gsize
fu_nec_odd_family_get_image_size_min(void)
{
	gsize size = G_MAXSIZE;
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++)
		size = MIN(size, fu_nec_odd_family_get_image_size(fu_nec_odd_families[i], FALSE));
	return size;
}

/**
 * fu_nec_odd_family_get_image_size_max:
 *
 * Gets the size of the largest image of any family.
 *
 * Returns: a size in bytes
 **/
gsize
fu_nec_odd_family_get_image_size_max(void)
{
	gsize size = 0;
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++)
		size = MAX(size, fu_nec_odd_family_get_image_size(fu_nec_odd_families[i], TRUE));
	return size;
}
