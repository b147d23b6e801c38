/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

#define FU_NEC_ODD_HARDWARE_ID_SIZE 4

/* ReadRAM of the hardware ID and of the settings (RID) area */
#define FU_NEC_ODD_FAMILY_ID_READ_SIZE	0x20
#define FU_NEC_ODD_FAMILY_RID_READ_SIZE 0x80

/* one erase or program block of a flash chip */
typedef struct {
	guint8 bank;   /* 0, or 1 for the 640K family's second chip */
	guint8 number; /* as the EraseSingleBlock/FlashSingleBlock bitmap names it */
	guint32 addr;
	guint32 size;
} FuNecOddBlock;

/* WriteRAM commands of @pages 4 KiB pages each, @count of them from @addr on */
typedef struct {
	guint32 addr;
	guint8 pages;
	guint8 count;
} FuNecOddWriteRun;

/* the big-endian word at image offset @word_offset is the 16-bit sum of the
 * big-endian words of the image from @sum_offset up to @word_offset; it is sent
 * with SendChecksum index @index (CDB byte 8 = 4 * index) */
typedef struct {
	gsize word_offset;
	gsize sum_offset;
	guint8 index;
} FuNecOddChecksum;

/* a part of the main firmware written in one safe-mode session:
 * enter, WriteRAM runs, checksums, erase, program, leave */
typedef struct {
	guint8 bank; /* CDB byte 1 bit 0x10 on every command of the session */
	guint32 flash_addr;
	gsize size;
	gsize file_offset; /* where the part lies in the image */
	const FuNecOddWriteRun *runs;
	guint n_runs;
	const FuNecOddChecksum *checksums; /* sent in this order */
	guint n_checksums;
	gboolean erase_whole_bank;  /* EraseBank instead of erase_blocks */
	const guint8 *erase_blocks; /* in the order sent */
	guint n_erase_blocks;
	const guint8 *program_blocks; /* in the order sent */
	guint n_program_blocks;
} FuNecOddArea;

/* a flash family: everything that differs between NEC flash layouts */
typedef struct {
	const gchar *name;    /* "640K", "768K", "1M", "1M-K2", "2M", as in nec-odd.quirk */
	guint32 id_addr;      /* hardware ID, read in normal mode */
	guint32 rid_addr;     /* settings area with the crossflash model name */
	gsize image_size;     /* without the optional 2-byte bootcode version */
	gsize id_offset;      /* trailer hardware ID in the image */
	gsize id_copy_offset; /* 640K: a second copy between the banks; else 0 */
	const FuNecOddArea *areas;
	guint n_areas;
	/* bank 0 below the first area is bootcode and settings: never erased,
	 * compared before and after an update */
	const FuNecOddBlock *blocks; /* every numbered block of every bank */
	guint n_blocks;
	guint32 dump_id_addr; /* where dump-needs-id drives keep their firmware ID */
} FuNecOddFamily;

const FuNecOddFamily *
fu_nec_odd_family_lookup(const gchar *name);
const FuNecOddFamily *const *
fu_nec_odd_family_get_all(guint *n_families);
const FuNecOddBlock *
fu_nec_odd_family_lookup_block(const FuNecOddFamily *family, guint8 bank, guint number);
guint32
fu_nec_odd_family_get_protected_size(const FuNecOddFamily *family);
gsize
fu_nec_odd_family_get_image_size(const FuNecOddFamily *family, gboolean has_bootcode);
gchar *
fu_nec_odd_family_get_image_sizes_str(void);
gsize
fu_nec_odd_family_get_image_size_min(void);
gsize
fu_nec_odd_family_get_image_size_max(void);
