/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-image.h"

/*
 * The NOR flash of one family, laid out as its state file: every region of
 * the family (640K: bank 0 then bank 1) back to back.
 */

/* header of the synthetic bootcode at bank 0 0x0000 */
#define NEC_SIM_FLASH_BOOT_MAGIC	  "NECSIMBC"
#define NEC_SIM_FLASH_BOOT_VENDOR_OFFSET  0x08
#define NEC_SIM_FLASH_BOOT_PRODUCT_OFFSET 0x10
#define NEC_SIM_FLASH_BOOT_VERSION_OFFSET 0x20

/* the RID area (families.md 10.10) */
#define NEC_SIM_FLASH_RID_STRING_OFFSET 0x10
#define NEC_SIM_FLASH_RID_VENDOR_OFFSET 0x20
#define NEC_SIM_FLASH_RID_MODEL_OFFSET	0x40

typedef struct NecSimFlash NecSimFlash;

/* a factory-fresh drive of this model reading hwid, running image's body; the
 * RID area names rid_model (a crossflashed drive), or NULL for its own */
NecSimFlash *
nec_sim_flash_new(const NecSimModel *model,
		  const gchar *hwid,
		  const gchar *rid_model,
		  GBytes *image);
NecSimFlash *
nec_sim_flash_new_from_file(const NecSimFamily *family, const gchar *filename, GError **error);
void
nec_sim_flash_free(NecSimFlash *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NecSimFlash, nec_sim_flash_free)

gboolean
nec_sim_flash_save(NecSimFlash *self, const gchar *filename, GError **error);
/* the state file's bytes */
const guint8 *
nec_sim_flash_get_data(NecSimFlash *self);
gsize
nec_sim_flash_get_size(NecSimFlash *self);
const NecSimFamily *
nec_sim_flash_get_family(NecSimFlash *self);

/* bank:addr in the flash and how many bytes follow in its region; NULL outside */
guint8 *
nec_sim_flash_locate(NecSimFlash *self, guint8 bank, guint32 addr, gsize *avail);

gboolean
nec_sim_flash_block_is_erased(NecSimFlash *self, const NecSimBlock *block);
void
nec_sim_flash_erase_block(NecSimFlash *self, const NecSimBlock *block);
void
nec_sim_flash_program_block(NecSimFlash *self, const NecSimBlock *block, const guint8 *src);

/* power-on: the signature in the first part and every part's check (families.md 10.17) */
gboolean
nec_sim_flash_is_bootable(NecSimFlash *self);
/* the main firmware's INQUIRY block, FALSE without a signature */
gboolean
nec_sim_flash_read_inquiry(NecSimFlash *self, NecSimInquiry *inquiry);
