/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-flash.h"

#include <gio/gio.h>
#include <string.h>

#include "nec-sim-filler.h"
#include "nec-sim-image.h"

struct NecSimFlash {
	guint8 *data;
	gboolean erased[NEC_SIM_FLASH_BLOCKS]; /* erased since its last program */
};

gsize
nec_sim_flash_block_addr(guint block)
{
	static const gsize addrs[] = {0x0000, 0x4000, 0x6000, 0x8000};
	g_return_val_if_fail(block < NEC_SIM_FLASH_BLOCKS, 0);
	if (block < G_N_ELEMENTS(addrs))
		return addrs[block];
	return 0x10000 + (block - 4) * 0x10000;
}

gsize
nec_sim_flash_block_size(guint block)
{
	static const gsize sizes[] = {0x4000, 0x2000, 0x2000, 0x8000};
	g_return_val_if_fail(block < NEC_SIM_FLASH_BLOCKS, 0);
	if (block < G_N_ELEMENTS(sizes))
		return sizes[block];
	return 0x10000;
}

/* bootcode and settings: the drive refuses to erase or program them */
gboolean
nec_sim_flash_block_is_protected(guint block)
{
	return block < NEC_SIM_FLASH_MAIN_BLOCK;
}

static gboolean
nec_sim_flash_block_is_blank(NecSimFlash *self, guint block)
{
	const guint8 *p = self->data + nec_sim_flash_block_addr(block);
	gsize size = nec_sim_flash_block_size(block);
	for (gsize i = 0; i < size; i++) {
		if (p[i] != 0xFF)
			return FALSE;
	}
	return TRUE;
}

/* the erase history is not in the state file: a blank block counts as erased */
static void
nec_sim_flash_init_erased(NecSimFlash *self)
{
	for (guint b = 0; b < NEC_SIM_FLASH_BLOCKS; b++)
		self->erased[b] = nec_sim_flash_block_is_blank(self, b);
}

static void
nec_sim_flash_write_bootcode(NecSimFlash *self, const NecSimModel *model)
{
	g_autofree gchar *seed = g_strdup_printf("boot:%s", model->name);
	guint8 *p = self->data + NEC_SIM_FLASH_BOOT_ADDR;

	nec_sim_filler_fill(p, NEC_SIM_FLASH_BOOT_SIZE, seed);
	memcpy(p, NEC_SIM_FLASH_BOOT_MAGIC, 8);
	memcpy(p + NEC_SIM_FLASH_BOOT_VENDOR_OFFSET, model->vendor, 8);
	memcpy(p + NEC_SIM_FLASH_BOOT_PRODUCT_OFFSET, model->boot_product, 16);
	memcpy(p + NEC_SIM_FLASH_BOOT_VERSION_OFFSET, model->boot_version, 2);
}

static void
nec_sim_flash_write_settings(NecSimFlash *self, const NecSimModel *model)
{
	g_autofree gchar *seed = g_strdup_printf("settings:%s", model->name);
	gsize addr = nec_sim_flash_block_addr(1);

	nec_sim_filler_fill(self->data + addr, nec_sim_flash_block_size(1), seed);
	memcpy(self->data + NEC_SIM_FLASH_HWID_ADDR, model->hwid, 4);
}

/* a factory-fresh drive of this model running body */
NecSimFlash *
nec_sim_flash_new(const NecSimModel *model, GBytes *body)
{
	NecSimFlash *self = g_new0(NecSimFlash, 1);

	g_return_val_if_fail(g_bytes_get_size(body) == NEC_SIM_IMAGE_BODY_SIZE, NULL);
	self->data = g_malloc(NEC_SIM_FLASH_SIZE);
	nec_sim_flash_write_bootcode(self, model);
	nec_sim_flash_write_settings(self, model);
	memcpy(self->data + NEC_SIM_FLASH_MAIN_ADDR,
	       g_bytes_get_data(body, NULL),
	       NEC_SIM_IMAGE_BODY_SIZE);
	nec_sim_flash_init_erased(self);
	return self;
}

NecSimFlash *
nec_sim_flash_new_from_file(const gchar *filename, GError **error)
{
	g_autoptr(NecSimFlash) self = g_new0(NecSimFlash, 1);
	gsize bufsz = 0;

	if (!g_file_get_contents(filename, (gchar **)&self->data, &bufsz, error))
		return NULL;
	if (bufsz != NEC_SIM_FLASH_SIZE) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "flash state %s is %" G_GSIZE_FORMAT " bytes, expected %u",
			    filename,
			    bufsz,
			    (guint)NEC_SIM_FLASH_SIZE);
		return NULL;
	}
	nec_sim_flash_init_erased(self);
	return g_steal_pointer(&self);
}

void
nec_sim_flash_free(NecSimFlash *self)
{
	g_free(self->data);
	g_free(self);
}

/* atomic, so a killed runner never leaves half a flash behind; not durable (no
 * fsync): a simulated power cut is a test's, not the host's */
gboolean
nec_sim_flash_save(NecSimFlash *self, const gchar *filename, GError **error)
{
	return g_file_set_contents_full(filename,
					(const gchar *)self->data,
					NEC_SIM_FLASH_SIZE,
					G_FILE_SET_CONTENTS_CONSISTENT,
					0644,
					error);
}

const guint8 *
nec_sim_flash_get_data(NecSimFlash *self)
{
	return self->data;
}

gboolean
nec_sim_flash_block_is_erased(NecSimFlash *self, guint block)
{
	g_return_val_if_fail(block < NEC_SIM_FLASH_BLOCKS, FALSE);
	return self->erased[block];
}

void
nec_sim_flash_erase_block(NecSimFlash *self, guint block)
{
	g_return_if_fail(block < NEC_SIM_FLASH_BLOCKS);
	memset(self->data + nec_sim_flash_block_addr(block), 0xFF, nec_sim_flash_block_size(block));
	self->erased[block] = TRUE;
}

void
nec_sim_flash_program_block(NecSimFlash *self, guint block, const guint8 *src)
{
	g_return_if_fail(block < NEC_SIM_FLASH_BLOCKS);
	memcpy(self->data + nec_sim_flash_block_addr(block), src, nec_sim_flash_block_size(block));
	self->erased[block] = FALSE;
}
