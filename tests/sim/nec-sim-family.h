/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

/*
 * The simulator's own copy of the flash families of tests/sim/families.md
 * (sections 5 and 11.1): it must not include or link the plugin's table, so
 * that a mistake there is caught by a drive that disagrees.
 */

#define NEC_SIM_FAMILY_BOOT_SIZE 0x4000 /* bootcode at bank 0 0x0000 */
#define NEC_SIM_FAMILY_PAGE_SIZE 0x1000
#define NEC_SIM_FAMILY_AREAS_MAX 2
#define NEC_SIM_FAMILY_SUMS_MAX	 2

/* one erase block; numbers are per bank, as in the CDB bitmap */
typedef struct {
	guint8 bank;
	guint8 number;
	guint32 addr;
	guint32 size;
	gboolean protected; /* bootcode or settings: 07/27/00 */
} NecSimBlock;

/* one checksummed part of an area, offsets relative to the area start */
typedef struct {
	guint32 start; /* first word summed */
	guint32 word;  /* the stored word; the sum covers start..word */
	guint8 index;  /* SendChecksum index (CDB byte 8 = 4 × index) */
} NecSimChecksum;

/* a body part: staged, checksummed, erased and programmed in one safe-mode session */
typedef struct {
	guint8 bank;
	guint32 flash_addr;
	guint32 size;
	gsize file_offset; /* of the part in the image */
	NecSimChecksum sums[NEC_SIM_FAMILY_SUMS_MAX];
	guint n_sums;
	gboolean erase_bank; /* EraseBank (CB 08) erases it, not single blocks */
	const guint8 *erase;
	guint n_erase;
	const guint8 *program;
	guint n_program;
} NecSimArea;

/* an addressable flash range of one bank and where the state file keeps it */
typedef struct {
	guint8 bank;
	guint32 addr;
	guint32 size;
	gsize offset; /* in the state file */
} NecSimRegion;

typedef struct {
	const gchar *name;     /* "640K", "768K", "1M", "1M-K2", "2M" */
	guint32 id_addr;       /* hardware ID, 0x20 bytes read */
	guint32 rid_addr;      /* RID/settings area Binflash reads, 0x80 bytes */
	gsize image_size;      /* without the bootcode version; +2 with it */
	gsize id_offset;       /* trailer ID */
	gsize id_copy_offset;  /* 640K: the second ID at 0x7B000; else 0 */
	gboolean sum_appended; /* 2M: the word follows the body, flash keeps none */
	NecSimArea areas[NEC_SIM_FAMILY_AREAS_MAX];
	guint n_areas;
	const NecSimRegion *regions;
	guint n_regions;
	gsize state_size; /* the state file: every region back to back */
	const NecSimBlock *blocks;
	guint n_blocks;
	guint32 dump_id_addr; /* 2M: the byte dump-needs-id models want in bytes 9..11 */
} NecSimFamily;

const NecSimFamily *
nec_sim_family_find(const gchar *name);
const NecSimFamily *
nec_sim_family_get_all(guint *n_families);

const NecSimBlock *
nec_sim_family_find_block(const NecSimFamily *family, guint8 bank, guint number);
gint
nec_sim_family_block_index(const NecSimFamily *family, const NecSimBlock *block);
const NecSimArea *
nec_sim_family_find_area(const NecSimFamily *family, guint8 bank);
const NecSimArea *
nec_sim_family_find_area_by_addr(const NecSimFamily *family, guint8 bank, guint32 addr);
gboolean
nec_sim_family_block_in_list(const guint8 *list, guint n_list, guint number);

/* where bank:addr lives in the state file; FALSE when outside every region */
gboolean
nec_sim_family_locate(const NecSimFamily *family,
		      guint8 bank,
		      guint32 addr,
		      gsize *offset,
		      gsize *avail);

/* the word of sum in the image, and the 16-bit sum of the big-endian words it covers */
gsize
nec_sim_family_sum_file_offset(const NecSimArea *area, const NecSimChecksum *sum);
guint16
nec_sim_family_sum_words(const guint8 *buf, gsize len);
