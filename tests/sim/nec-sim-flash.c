/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-flash.h"

#include <gio/gio.h>
#include <string.h>

#include "nec-sim-filler.h"

/* where Binflash looks for a hardware ID; filler there must never match one */
static const guint32 nec_sim_flash_id_addrs[] = {0x4500, 0x4800, 0x5000, 0x7000, 0x10800};

struct NecSimFlash {
	const NecSimFamily *family;
	guint8 *data;
	gboolean *erased; /* per family block: erased since its last program */
};

guint8 *
nec_sim_flash_locate(NecSimFlash *self, guint8 bank, guint32 addr, gsize *avail)
{
	gsize offset = 0;
	if (!nec_sim_family_locate(self->family, bank, addr, &offset, avail))
		return NULL;
	return self->data + offset;
}

static guint8 *
nec_sim_flash_block_data(NecSimFlash *self, const NecSimBlock *block)
{
	return nec_sim_flash_locate(self, block->bank, block->addr, NULL);
}

static gboolean
nec_sim_flash_block_is_blank(NecSimFlash *self, const NecSimBlock *block)
{
	const guint8 *p = nec_sim_flash_block_data(self, block);
	for (gsize i = 0; i < block->size; i++) {
		if (p[i] != 0xFF)
			return FALSE;
	}
	return TRUE;
}

/* the erase history is not in the state file: a blank block counts as erased */
static void
nec_sim_flash_init_erased(NecSimFlash *self)
{
	self->erased = g_new0(gboolean, self->family->n_blocks);
	for (guint i = 0; i < self->family->n_blocks; i++)
		self->erased[i] = nec_sim_flash_block_is_blank(self, &self->family->blocks[i]);
}

static void
nec_sim_flash_write_bootcode(NecSimFlash *self, const NecSimModel *model)
{
	g_autofree gchar *seed = g_strdup_printf("boot:%s", model->name);
	guint8 *p = self->data;

	nec_sim_filler_fill(p, NEC_SIM_FAMILY_BOOT_SIZE, seed);
	memcpy(p, NEC_SIM_FLASH_BOOT_MAGIC, 8);
	memcpy(p + NEC_SIM_FLASH_BOOT_VENDOR_OFFSET, model->vendor, 8);
	memcpy(p + NEC_SIM_FLASH_BOOT_PRODUCT_OFFSET, model->boot_product, 16);
	memcpy(p + NEC_SIM_FLASH_BOOT_VERSION_OFFSET, model->boot_version, 2);
}

/* settings (and on 2M the unused 0x6000..0xFFFF): filler, ID, RID area */
static void
nec_sim_flash_write_settings(NecSimFlash *self,
			     const NecSimModel *model,
			     const gchar *hwid,
			     const gchar *rid_model)
{
	const NecSimFamily *family = self->family;
	g_autofree gchar *seed = g_strdup_printf("settings:%s", model->name);
	guint32 end = family->areas[0].flash_addr;
	guint8 *rid = self->data + family->rid_addr;
	g_autofree gchar *model_str = g_strdup_printf("%-16.16s", rid_model);

	nec_sim_filler_fill(self->data + NEC_SIM_FAMILY_BOOT_SIZE,
			    end - NEC_SIM_FAMILY_BOOT_SIZE,
			    seed);
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_flash_id_addrs); i++) {
		guint32 addr = nec_sim_flash_id_addrs[i];
		if (addr >= NEC_SIM_FAMILY_BOOT_SIZE && addr < end)
			nec_sim_image_no_id(self->data + addr);
	}
	memcpy(self->data + family->id_addr, hwid, 4);
	/* Binflash's crossflash check finds the model's own type here */
	memcpy(rid + NEC_SIM_FLASH_RID_STRING_OFFSET, model->rid, 4);
	memcpy(rid + NEC_SIM_FLASH_RID_VENDOR_OFFSET, "NEC     ", 8);
	memcpy(rid + NEC_SIM_FLASH_RID_MODEL_OFFSET, model_str, 16);
}

NecSimFlash *
nec_sim_flash_new(const NecSimModel *model,
		  const gchar *hwid,
		  const gchar *rid_model,
		  GBytes *image)
{
	const NecSimFamily *family = model->family;
	const guint8 *buf = g_bytes_get_data(image, NULL);
	NecSimFlash *self = g_new0(NecSimFlash, 1);

	g_return_val_if_fail(g_bytes_get_size(image) >= family->image_size, NULL);
	self->family = family;
	/* what is not written is erased, like 2M block 34 after Binflash */
	self->data = g_malloc(family->state_size);
	memset(self->data, 0xFF, family->state_size);
	nec_sim_flash_write_bootcode(self, model);
	nec_sim_flash_write_settings(self,
				     model,
				     hwid,
				     rid_model != NULL ? rid_model : model->name);
	for (guint i = 0; i < family->n_areas; i++) {
		const NecSimArea *area = &family->areas[i];
		memcpy(nec_sim_flash_locate(self, area->bank, area->flash_addr, NULL),
		       buf + area->file_offset,
		       area->size);
	}
	nec_sim_flash_init_erased(self);
	return self;
}

NecSimFlash *
nec_sim_flash_new_from_file(const NecSimFamily *family, const gchar *filename, GError **error)
{
	g_autoptr(NecSimFlash) self = g_new0(NecSimFlash, 1);
	gsize bufsz = 0;

	self->family = family;
	if (!g_file_get_contents(filename, (gchar **)&self->data, &bufsz, error))
		return NULL;
	if (bufsz != family->state_size) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "flash state %s is %" G_GSIZE_FORMAT
			    " bytes, a %s flash is %" G_GSIZE_FORMAT,
			    filename,
			    bufsz,
			    family->name,
			    family->state_size);
		return NULL;
	}
	nec_sim_flash_init_erased(self);
	return g_steal_pointer(&self);
}

void
nec_sim_flash_free(NecSimFlash *self)
{
	g_free(self->data);
	g_free(self->erased);
	g_free(self);
}

/* atomic, so a killed runner never leaves half a flash behind; not durable (no
 * fsync): a simulated power cut is a test's, not the host's */
gboolean
nec_sim_flash_save(NecSimFlash *self, const gchar *filename, GError **error)
{
	return g_file_set_contents_full(filename,
					(const gchar *)self->data,
					(gssize)self->family->state_size,
					G_FILE_SET_CONTENTS_CONSISTENT,
					0644,
					error);
}

const guint8 *
nec_sim_flash_get_data(NecSimFlash *self)
{
	return self->data;
}

gsize
nec_sim_flash_get_size(NecSimFlash *self)
{
	return self->family->state_size;
}

const NecSimFamily *
nec_sim_flash_get_family(NecSimFlash *self)
{
	return self->family;
}

gboolean
nec_sim_flash_block_is_erased(NecSimFlash *self, const NecSimBlock *block)
{
	return self->erased[nec_sim_family_block_index(self->family, block)];
}

void
nec_sim_flash_erase_block(NecSimFlash *self, const NecSimBlock *block)
{
	memset(nec_sim_flash_block_data(self, block), 0xFF, block->size);
	self->erased[nec_sim_family_block_index(self->family, block)] = TRUE;
}

void
nec_sim_flash_program_block(NecSimFlash *self, const NecSimBlock *block, const guint8 *src)
{
	memcpy(nec_sim_flash_block_data(self, block), src, block->size);
	self->erased[nec_sim_family_block_index(self->family, block)] = FALSE;
}

gboolean
nec_sim_flash_read_inquiry(NecSimFlash *self, NecSimInquiry *inquiry)
{
	const NecSimArea *area0 = &self->family->areas[0];
	const guint8 *body = nec_sim_flash_locate(self, area0->bank, area0->flash_addr, NULL);
	return nec_sim_image_read_inquiry(body, area0->size, inquiry);
}

/* last-word parts: the stored word is their sum; 2M: every block programmed since erased */
static gboolean
nec_sim_flash_area_passes(NecSimFlash *self, const NecSimArea *area)
{
	const guint8 *body = nec_sim_flash_locate(self, area->bank, area->flash_addr, NULL);

	if (self->family->sum_appended) {
		for (guint i = 0; i < area->n_program; i++) {
			const NecSimBlock *block =
			    nec_sim_family_find_block(self->family, area->bank, area->program[i]);
			if (nec_sim_flash_block_is_erased(self, block))
				return FALSE;
		}
		return TRUE;
	}
	for (guint i = 0; i < area->n_sums; i++) {
		const NecSimChecksum *sum = &area->sums[i];
		guint16 stored = (guint16)((body[sum->word] << 8) | body[sum->word + 1]);
		if (nec_sim_family_sum_words(body + sum->start, sum->word - sum->start) != stored)
			return FALSE;
	}
	return TRUE;
}

gboolean
nec_sim_flash_is_bootable(NecSimFlash *self)
{
	NecSimInquiry inquiry;
	if (!nec_sim_flash_read_inquiry(self, &inquiry))
		return FALSE;
	for (guint i = 0; i < self->family->n_areas; i++) {
		if (!nec_sim_flash_area_passes(self, &self->family->areas[i]))
			return FALSE;
	}
	return TRUE;
}
