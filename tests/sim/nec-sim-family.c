/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-family.h"

/* block maps: families.md 5.x and 11.1; [I]/[U] where Binflash gives only numbers */
#define KIB(n) ((guint32)(n)*0x400)

static const NecSimBlock nec_sim_blocks_640k[] = {
    /* bank 0: 0x0000..0x4FFF (bootcode, settings) has no block number */
    {0, 13, 0x5000, KIB(4), FALSE},
    {0, 14, 0x6000, KIB(4), FALSE},
    {0, 15, 0x7000, KIB(4), FALSE},
    {0, 0, 0x8000, KIB(32), FALSE},
    {0, 1, 0x10000, KIB(64), FALSE},
    {0, 2, 0x20000, KIB(64), FALSE},
    {0, 3, 0x30000, KIB(64), FALSE},
    {0, 4, 0x40000, KIB(64), FALSE},
    {0, 5, 0x50000, KIB(64), FALSE},
    {0, 6, 0x60000, KIB(64), FALSE},
    {0, 7, 0x70000, KIB(64), FALSE},
    /* bank 1: the runs of Binflash's bank-1 WriteRAM split */
    {1, 8, 0x240000, KIB(8), FALSE},
    {1, 9, 0x242000, KIB(4), FALSE},
    {1, 10, 0x243000, KIB(4), FALSE},
    {1, 11, 0x244000, KIB(16), FALSE},
    {1, 12, 0x248000, KIB(32), FALSE},
    {1, 13, 0x250000, KIB(32), FALSE},
    {1, 14, 0x258000, KIB(32), FALSE},
};

static const NecSimBlock nec_sim_blocks_768k[] = {
    {0, 0, 0x0000, KIB(4), TRUE},     {0, 1, 0x1000, KIB(4), TRUE},
    {0, 2, 0x2000, KIB(4), TRUE},     {0, 3, 0x3000, KIB(4), TRUE},
    {0, 4, 0x4000, KIB(4), TRUE},     {0, 5, 0x5000, KIB(4), TRUE},
    {0, 6, 0x6000, KIB(4), TRUE},     {0, 7, 0x7000, KIB(4), TRUE},
    {0, 8, 0x8000, KIB(32), FALSE},   {0, 9, 0x10000, KIB(64), FALSE},
    {0, 10, 0x20000, KIB(64), FALSE}, {0, 11, 0x30000, KIB(64), FALSE},
    {0, 12, 0x40000, KIB(64), FALSE}, {0, 13, 0x50000, KIB(64), FALSE},
    {0, 14, 0x60000, KIB(64), FALSE}, {0, 15, 0x70000, KIB(64), FALSE},
    {0, 16, 0x80000, KIB(64), FALSE}, {0, 17, 0x90000, KIB(64), FALSE},
    {0, 18, 0xA0000, KIB(64), FALSE}, {0, 19, 0xB0000, KIB(64), FALSE},
};

/* 8 Mbit bottom-boot NOR: 16, 8, 8, 32 KiB, then 64 KiB sectors */
static const NecSimBlock nec_sim_blocks_1m[] = {
    {0, 0, 0x0000, KIB(16), TRUE},    {0, 1, 0x4000, KIB(8), TRUE},
    {0, 2, 0x6000, KIB(8), FALSE},    {0, 3, 0x8000, KIB(32), FALSE},
    {0, 4, 0x10000, KIB(64), FALSE},  {0, 5, 0x20000, KIB(64), FALSE},
    {0, 6, 0x30000, KIB(64), FALSE},  {0, 7, 0x40000, KIB(64), FALSE},
    {0, 8, 0x50000, KIB(64), FALSE},  {0, 9, 0x60000, KIB(64), FALSE},
    {0, 10, 0x70000, KIB(64), FALSE}, {0, 11, 0x80000, KIB(64), FALSE},
    {0, 12, 0x90000, KIB(64), FALSE}, {0, 13, 0xA0000, KIB(64), FALSE},
    {0, 14, 0xB0000, KIB(64), FALSE}, {0, 15, 0xC0000, KIB(64), FALSE},
    {0, 16, 0xD0000, KIB(64), FALSE}, {0, 17, 0xE0000, KIB(64), FALSE},
    {0, 18, 0xF0000, KIB(64), FALSE},
};

/* 16 Mbit bottom-boot NOR; blocks 2 and 3 lie before the 2M body: protected */
static const NecSimBlock nec_sim_blocks_2m[] = {
    {0, 0, 0x0000, KIB(16), TRUE},     {0, 1, 0x4000, KIB(8), TRUE},
    {0, 2, 0x6000, KIB(8), TRUE},      {0, 3, 0x8000, KIB(32), TRUE},
    {0, 4, 0x10000, KIB(64), FALSE},   {0, 5, 0x20000, KIB(64), FALSE},
    {0, 6, 0x30000, KIB(64), FALSE},   {0, 7, 0x40000, KIB(64), FALSE},
    {0, 8, 0x50000, KIB(64), FALSE},   {0, 9, 0x60000, KIB(64), FALSE},
    {0, 10, 0x70000, KIB(64), FALSE},  {0, 11, 0x80000, KIB(64), FALSE},
    {0, 12, 0x90000, KIB(64), FALSE},  {0, 13, 0xA0000, KIB(64), FALSE},
    {0, 14, 0xB0000, KIB(64), FALSE},  {0, 15, 0xC0000, KIB(64), FALSE},
    {0, 16, 0xD0000, KIB(64), FALSE},  {0, 17, 0xE0000, KIB(64), FALSE},
    {0, 18, 0xF0000, KIB(64), FALSE},  {0, 19, 0x100000, KIB(64), FALSE},
    {0, 20, 0x110000, KIB(64), FALSE}, {0, 21, 0x120000, KIB(64), FALSE},
    {0, 22, 0x130000, KIB(64), FALSE}, {0, 23, 0x140000, KIB(64), FALSE},
    {0, 24, 0x150000, KIB(64), FALSE}, {0, 25, 0x160000, KIB(64), FALSE},
    {0, 26, 0x170000, KIB(64), FALSE}, {0, 27, 0x180000, KIB(64), FALSE},
    {0, 28, 0x190000, KIB(64), FALSE}, {0, 29, 0x1A0000, KIB(64), FALSE},
    {0, 30, 0x1B0000, KIB(64), FALSE}, {0, 31, 0x1C0000, KIB(64), FALSE},
    {0, 32, 0x1D0000, KIB(64), FALSE}, {0, 33, 0x1E0000, KIB(64), FALSE},
    {0, 34, 0x1F0000, KIB(64), FALSE},
};

/* erase and program lists, in Binflash's order */
static const guint8 nec_sim_list_640k_bank0[] = {13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7};
static const guint8 nec_sim_list_640k_bank1[] = {8, 9, 10, 11, 12, 13, 14};
static const guint8 nec_sim_list_768k[] = {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
static const guint8 nec_sim_list_1m[] =
    {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
static const guint8 nec_sim_list_2m_erase[] = {4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,
					       15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
					       26, 27, 28, 29, 30, 31, 32, 33, 34};

static const NecSimRegion nec_sim_regions_640k[] = {
    {0, 0x0, 0x80000, 0x0},
    {1, 0x240000, 0x20000, 0x80000},
};
static const NecSimRegion nec_sim_regions_768k[] = {{0, 0x0, 0xC0000, 0x0}};
static const NecSimRegion nec_sim_regions_1m[] = {{0, 0x0, 0x100000, 0x0}};
static const NecSimRegion nec_sim_regions_2m[] = {{0, 0x0, 0x200000, 0x0}};

#define LIST(l) l, G_N_ELEMENTS(l)

static const NecSimFamily nec_sim_families[] = {
    {
	.name = "640K",
	.id_addr = 0x4500,
	.rid_addr = 0x4F00,
	.image_size = 634888,
	.id_offset = 0x9B004,
	.id_copy_offset = 0x7B000,
	.areas =
	    {
		{
		    .bank = 0,
		    .flash_addr = 0x5000,
		    .size = 0x7B000,
		    .file_offset = 0x0,
		    .sums = {{0x0, 0x7AFFE, 0}},
		    .n_sums = 1,
		    .erase = LIST(nec_sim_list_640k_bank0),
		    .program = LIST(nec_sim_list_640k_bank0),
		},
		{
		    .bank = 1,
		    .flash_addr = 0x240000,
		    .size = 0x20000,
		    .file_offset = 0x7B004,
		    .sums = {{0x0, 0x1FFFE, 0}},
		    .n_sums = 1,
		    .erase_bank = TRUE,
		    .program = LIST(nec_sim_list_640k_bank1),
		},
	    },
	.n_areas = 2,
	.regions = LIST(nec_sim_regions_640k),
	.state_size = 0xA0000,
	.blocks = LIST(nec_sim_blocks_640k),
    },
    {
	.name = "768K",
	.id_addr = 0x4500,
	.rid_addr = 0x4F00,
	.image_size = 753668,
	.id_offset = 0xB8000,
	.areas = {{
	    .bank = 0,
	    .flash_addr = 0x8000,
	    .size = 0xB8000,
	    .sums = {{0x0, 0xB7FFE, 8}},
	    .n_sums = 1,
	    .erase = LIST(nec_sim_list_768k),
	    .program = LIST(nec_sim_list_768k),
	}},
	.n_areas = 1,
	.regions = LIST(nec_sim_regions_768k),
	.state_size = 0xC0000,
	.blocks = LIST(nec_sim_blocks_768k),
    },
    {
	.name = "1M",
	.id_addr = 0x4800,
	.rid_addr = 0x5F00,
	.image_size = 1024004,
	.id_offset = 0xFA000,
	.areas = {{
	    .bank = 0,
	    .flash_addr = 0x6000,
	    .size = 0xFA000,
	    .sums = {{0x0, 0xF9FFE, 8}},
	    .n_sums = 1,
	    .erase = LIST(nec_sim_list_1m),
	    .program = LIST(nec_sim_list_1m),
	}},
	.n_areas = 1,
	.regions = LIST(nec_sim_regions_1m),
	.state_size = 0x100000,
	.blocks = LIST(nec_sim_blocks_1m),
    },
    {
	/* the 1M layout checksummed in two parts: 0x6000..0x2FFFF and 0x30000..0xFFFFF */
	.name = "1M-K2",
	.id_addr = 0x4800,
	.rid_addr = 0x5F00,
	.image_size = 1024004,
	.id_offset = 0xFA000,
	.areas = {{
	    .bank = 0,
	    .flash_addr = 0x6000,
	    .size = 0xFA000,
	    .sums = {{0x0, 0x29FFE, 1}, {0x2A000, 0xF9FFE, 2}},
	    .n_sums = 2,
	    .erase = LIST(nec_sim_list_1m),
	    .program = LIST(nec_sim_list_1m),
	}},
	.n_areas = 1,
	.regions = LIST(nec_sim_regions_1m),
	.state_size = 0x100000,
	.blocks = LIST(nec_sim_blocks_1m),
    },
    {
	.name = "2M",
	.id_addr = 0x4800,
	.rid_addr = 0x5F00,
	.image_size = 1966086,
	.id_offset = 0x1E0002,
	.sum_appended = TRUE,
	.areas = {{
	    .bank = 0,
	    .flash_addr = 0x10000,
	    .size = 0x1E0000,
	    /* the word after the body: the sum of the whole body */
	    .sums = {{0x0, 0x1E0000, 0}},
	    .n_sums = 1,
	    .erase = LIST(nec_sim_list_2m_erase),
	    /* block 34 is erased but never programmed (families.md 10.19) */
	    .program = nec_sim_list_2m_erase,
	    .n_program = G_N_ELEMENTS(nec_sim_list_2m_erase) - 1,
	}},
	.n_areas = 1,
	.regions = LIST(nec_sim_regions_2m),
	.state_size = 0x200000,
	.blocks = LIST(nec_sim_blocks_2m),
	.dump_id_addr = 0x10000,
    },
};

const NecSimFamily *
nec_sim_family_get_all(guint *n_families)
{
	*n_families = G_N_ELEMENTS(nec_sim_families);
	return nec_sim_families;
}

const NecSimFamily *
nec_sim_family_find(const gchar *name)
{
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_families); i++) {
		if (g_strcmp0(nec_sim_families[i].name, name) == 0)
			return &nec_sim_families[i];
	}
	return NULL;
}

const NecSimBlock *
nec_sim_family_find_block(const NecSimFamily *family, guint8 bank, guint number)
{
	for (guint i = 0; i < family->n_blocks; i++) {
		if (family->blocks[i].bank == bank && family->blocks[i].number == number)
			return &family->blocks[i];
	}
	return NULL;
}

gint
nec_sim_family_block_index(const NecSimFamily *family, const NecSimBlock *block)
{
	return (gint)(block - family->blocks);
}

const NecSimArea *
nec_sim_family_find_area(const NecSimFamily *family, guint8 bank)
{
	for (guint i = 0; i < family->n_areas; i++) {
		if (family->areas[i].bank == bank)
			return &family->areas[i];
	}
	return NULL;
}

const NecSimArea *
nec_sim_family_find_area_by_addr(const NecSimFamily *family, guint8 bank, guint32 addr)
{
	const NecSimArea *area = nec_sim_family_find_area(family, bank);
	if (area == NULL || addr < area->flash_addr || addr - area->flash_addr >= area->size)
		return NULL;
	return area;
}

gboolean
nec_sim_family_block_in_list(const guint8 *list, guint n_list, guint number)
{
	for (guint i = 0; i < n_list; i++) {
		if (list[i] == number)
			return TRUE;
	}
	return FALSE;
}

gboolean
nec_sim_family_locate(const NecSimFamily *family,
		      guint8 bank,
		      guint32 addr,
		      gsize *offset,
		      gsize *avail)
{
	for (guint i = 0; i < family->n_regions; i++) {
		const NecSimRegion *region = &family->regions[i];
		if (region->bank != bank || addr < region->addr ||
		    addr - region->addr >= region->size)
			continue;
		if (offset != NULL)
			*offset = region->offset + (addr - region->addr);
		if (avail != NULL)
			*avail = region->size - (addr - region->addr);
		return TRUE;
	}
	return FALSE;
}

gsize
nec_sim_family_sum_file_offset(const NecSimArea *area, const NecSimChecksum *sum)
{
	return area->file_offset + sum->word;
}

guint16
nec_sim_family_sum_words(const guint8 *buf, gsize len)
{
	guint16 sum = 0;
	for (gsize i = 0; i + 1 < len; i += 2)
		sum += (guint16)((buf[i] << 8) | buf[i + 1]);
	return sum;
}
