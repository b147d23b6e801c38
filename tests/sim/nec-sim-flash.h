/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-model.h"

/* 8 Mbit bottom-boot NOR flash of the 1 MiB family */
#define NEC_SIM_FLASH_SIZE	 0x100000
#define NEC_SIM_FLASH_BLOCKS	 19
#define NEC_SIM_FLASH_BOOT_ADDR	 0x0000
#define NEC_SIM_FLASH_BOOT_SIZE	 0x4000
#define NEC_SIM_FLASH_HWID_ADDR	 0x4800
#define NEC_SIM_FLASH_HWID_SIZE	 0x20
#define NEC_SIM_FLASH_MAIN_ADDR	 0x6000
#define NEC_SIM_FLASH_MAIN_BLOCK 2 /* the first block a flasher erases */

/* header of the synthetic bootcode at flash 0x0000 */
#define NEC_SIM_FLASH_BOOT_MAGIC	  "NECSIMBC"
#define NEC_SIM_FLASH_BOOT_VENDOR_OFFSET  0x08
#define NEC_SIM_FLASH_BOOT_PRODUCT_OFFSET 0x10
#define NEC_SIM_FLASH_BOOT_VERSION_OFFSET 0x20

typedef struct NecSimFlash NecSimFlash;

NecSimFlash *
nec_sim_flash_new(const NecSimModel *model, GBytes *body);
NecSimFlash *
nec_sim_flash_new_from_file(const gchar *filename, GError **error);
void
nec_sim_flash_free(NecSimFlash *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NecSimFlash, nec_sim_flash_free)

gboolean
nec_sim_flash_save(NecSimFlash *self, const gchar *filename, GError **error);
const guint8 *
nec_sim_flash_get_data(NecSimFlash *self);

gsize
nec_sim_flash_block_addr(guint block);
gsize
nec_sim_flash_block_size(guint block);
gboolean
nec_sim_flash_block_is_protected(guint block);
gboolean
nec_sim_flash_block_is_erased(NecSimFlash *self, guint block);
void
nec_sim_flash_erase_block(NecSimFlash *self, guint block);
void
nec_sim_flash_program_block(NecSimFlash *self, guint block, const guint8 *src);
