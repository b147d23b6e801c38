/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

#define FU_NEC_ODD_HARDWARE_ID_SIZE 4

/* a flash layout shared by several drive models */
typedef struct {
	const gchar *name;
	guint32 hardware_id_addr; /* where ReadRAM finds the hardware ID in normal mode */
	guint32 body_addr;	  /* flash address of the image body */
	gsize body_size;
	gsize checksum_offset; /* body offset of the big-endian sum of the words before it */
	guint8 checksum_index; /* SendChecksum index */
	guint8 first_block;    /* erase and program blocks first..last */
	guint8 last_block;
	guint8 protected_blocks; /* blocks 0..protected_blocks-1 are never erased */
	/* where each protected block starts, then where the last one ends */
	const guint32 *protected_block_addrs;
} FuNecOddFamily;

/* a drive model, found by the first four bytes at the hardware ID address */
typedef struct {
	const gchar *hardware_id;
	const gchar *model;
	const gchar *product; /* what the main firmware reports in INQUIRY */
	const FuNecOddFamily *family;
} FuNecOddModel;

const FuNecOddModel *
fu_nec_odd_family_lookup_model(const gchar *hardware_id);
const FuNecOddModel *
fu_nec_odd_family_lookup_model_by_product(const gchar *product);
const FuNecOddFamily *
fu_nec_odd_family_lookup_by_image_size(gsize size, gboolean *has_bootcode);
gsize
fu_nec_odd_family_get_image_size(const FuNecOddFamily *family, gboolean has_bootcode);
gchar *
fu_nec_odd_family_get_image_sizes_str(void);
gsize
fu_nec_odd_family_get_image_size_min(void);
gsize
fu_nec_odd_family_get_image_size_max(void);
