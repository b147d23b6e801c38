/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-family.h"

/* 8 Mbit bottom-boot NOR: bootcode in block 0, settings and calibration in
 * block 1, main firmware from block 2 (0x6000) to the end */
static const guint32 fu_nec_odd_family_1mib_protected_block_addrs[] = {0x0000, 0x4000, 0x6000};

static const FuNecOddFamily fu_nec_odd_family_1mib = {
    .name = "1MiB",
    .hardware_id_addr = 0x4800,
    .body_addr = 0x6000,
    .body_size = 0xFA000,
    .checksum_offset = 0xF9FFE,
    .checksum_index = 8,
    .first_block = 2,
    .last_block = 18,
    .protected_blocks = 2,
    .protected_block_addrs = fu_nec_odd_family_1mib_protected_block_addrs,
};

static const FuNecOddModel fu_nec_odd_models[] = {
    {"K352", "ND-3520A", "DVD_RW ND-3520A", &fu_nec_odd_family_1mib},
    {"K312", "ND-3520A", "DVD_RW ND-3520A", &fu_nec_odd_family_1mib},
    {"K354", "ND-3540A", "DVD_RW ND-3540A", &fu_nec_odd_family_1mib},
    {"K314", "ND-3540A", "DVD_RW ND-3540A", &fu_nec_odd_family_1mib},
    {"K353", "ND-3530A", "DVD_RW ND-3530A", &fu_nec_odd_family_1mib},
    {"K313", "ND-3530A", "DVD_RW ND-3530A", &fu_nec_odd_family_1mib},
    {"K350", "ND-3500A", "DVD_RW ND-3500A", &fu_nec_odd_family_1mib},
    {"K310", "ND-3100A", "DVD_RW ND-3100A", &fu_nec_odd_family_1mib},
    {"K345", "ND-3450A", "DVD_RW ND-3450A", &fu_nec_odd_family_1mib},
    {"K210", "ND-2100A", "DVD_RW ND-2100A", &fu_nec_odd_family_1mib},
    {"K250", "ND-2500A", "DVD_RW ND-2500A", &fu_nec_odd_family_1mib},
    {"K251", "ND-2510A", "DVD_RW ND-2510A", &fu_nec_odd_family_1mib},
};

static const FuNecOddFamily *fu_nec_odd_families[] = {&fu_nec_odd_family_1mib};

const FuNecOddModel *
fu_nec_odd_family_lookup_model(const gchar *hardware_id)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_models); i++) {
		if (strncmp(hardware_id, fu_nec_odd_models[i].hardware_id, 4) == 0)
			return &fu_nec_odd_models[i];
	}
	return NULL;
}

/* only to name a drive whose hardware ID is unusable: never to update it */
const FuNecOddModel *
fu_nec_odd_family_lookup_model_by_product(const gchar *product)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_models); i++) {
		if (g_strcmp0(product, fu_nec_odd_models[i].product) == 0)
			return &fu_nec_odd_models[i];
	}
	return NULL;
}

gsize
fu_nec_odd_family_get_image_size(const FuNecOddFamily *family, gboolean has_bootcode)
{
	/* body, hardware ID, optional 2-byte bootcode version */
	return family->body_size + FU_NEC_ODD_HARDWARE_ID_SIZE + (has_bootcode ? 2 : 0);
}

const FuNecOddFamily *
fu_nec_odd_family_lookup_by_image_size(gsize size, gboolean *has_bootcode)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++) {
		const FuNecOddFamily *family = fu_nec_odd_families[i];
		if (size == fu_nec_odd_family_get_image_size(family, FALSE)) {
			*has_bootcode = FALSE;
			return family;
		}
		if (size == fu_nec_odd_family_get_image_size(family, TRUE)) {
			*has_bootcode = TRUE;
			return family;
		}
	}
	return NULL;
}

/* for errors, e.g. "1024004 or 1024006 for an NEC 1MiB-family drive" */
gchar *
fu_nec_odd_family_get_image_sizes_str(void)
{
	g_autoptr(GString) str = g_string_new(NULL);
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++) {
		const FuNecOddFamily *family = fu_nec_odd_families[i];
		if (str->len > 0)
			g_string_append(str, ", or ");
		g_string_append_printf(str,
				       "%" G_GSIZE_FORMAT " or %" G_GSIZE_FORMAT
				       " for an NEC %s-family drive",
				       fu_nec_odd_family_get_image_size(family, FALSE),
				       fu_nec_odd_family_get_image_size(family, TRUE),
				       family->name);
	}
	return g_string_free(g_steal_pointer(&str), FALSE);
}

gsize
fu_nec_odd_family_get_image_size_min(void)
{
	gsize size = G_MAXSIZE;
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++)
		size = MIN(size, fu_nec_odd_family_get_image_size(fu_nec_odd_families[i], FALSE));
	return size;
}

gsize
fu_nec_odd_family_get_image_size_max(void)
{
	gsize size = 0;
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_families); i++)
		size = MAX(size, fu_nec_odd_family_get_image_size(fu_nec_odd_families[i], TRUE));
	return size;
}
