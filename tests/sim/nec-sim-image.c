/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-image.h"

#include <gio/gio.h>
#include <string.h>

#include "nec-sim-filler.h"

static const guint8 nec_sim_image_signature[NEC_SIM_IMAGE_SIGNATURE_SIZE] =
    {0x07, 0x00, 0x03, 0x00, 0x78, 0x00, 0x78, 0x00, 0x78, 0x00};

/* NEC's vendor-specific INQUIRY bytes are a date; any 20 bytes will do */
static const gchar nec_sim_image_inquiry_extra[] = "nec-sim synthetic   ";

/* where Binflash looks for a hardware ID; filler there must never match one */
static const guint32 nec_sim_image_id_addrs[] = {0x4500, 0x4800, 0x5000, 0x7000, 0x10800};

void
nec_sim_image_no_id(guint8 *p)
{
	if (*p >= 'A' && *p <= 'Z')
		*p ^= 0x80;
}

/* sum of the big-endian words of body[0 .. NEC_SIM_IMAGE_CHECKSUM_OFFSET) */
guint16
nec_sim_image_checksum(const guint8 *body)
{
	return nec_sim_family_sum_words(body, NEC_SIM_IMAGE_CHECKSUM_OFFSET);
}

guint16
nec_sim_image_get_stored_checksum(const guint8 *body)
{
	return (guint16)((body[NEC_SIM_IMAGE_CHECKSUM_OFFSET] << 8) |
			 body[NEC_SIM_IMAGE_CHECKSUM_OFFSET + 1]);
}

static gboolean
nec_sim_image_signature_at(const guint8 *buf, gsize bufsz, gsize offset)
{
	return offset + sizeof(nec_sim_image_signature) <= bufsz &&
	       memcmp(buf + offset, nec_sim_image_signature, sizeof(nec_sim_image_signature)) == 0;
}

guint
nec_sim_image_count_signatures(const guint8 *buf, gsize bufsz)
{
	guint cnt = 0;
	for (gsize i = 0; i < bufsz; i++) {
		if (nec_sim_image_signature_at(buf, bufsz, i))
			cnt++;
	}
	return cnt;
}

gboolean
nec_sim_image_find_signature(const guint8 *buf, gsize bufsz, gsize *offset)
{
	for (gsize i = 0; i < bufsz; i++) {
		if (nec_sim_image_signature_at(buf, bufsz, i)) {
			if (offset != NULL)
				*offset = i;
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
nec_sim_image_read_inquiry(const guint8 *buf, gsize bufsz, NecSimInquiry *inquiry)
{
	gsize offset = 0;
	const guint8 *p;

	if (!nec_sim_image_find_signature(buf, bufsz, &offset))
		return FALSE;
	if (offset + NEC_SIM_IMAGE_INQUIRY_OFFSET + NEC_SIM_IMAGE_INQUIRY_SIZE > bufsz)
		return FALSE;
	p = buf + offset + NEC_SIM_IMAGE_INQUIRY_OFFSET;
	memset(inquiry, 0, sizeof(*inquiry));
	memcpy(inquiry->vendor, p, 8);
	memcpy(inquiry->product, p + 8, 16);
	memcpy(inquiry->revision, p + 24, 4);
	memcpy(inquiry->vendor_specific, p + 28, 20);
	return TRUE;
}

/* every part's word: the sum of the words before it in its part (2M: after the body) */
static void
nec_sim_image_write_checksums(const NecSimFamily *family, guint8 *buf)
{
	for (guint i = 0; i < family->n_areas; i++) {
		const NecSimArea *area = &family->areas[i];
		for (guint j = 0; j < area->n_sums; j++) {
			const NecSimChecksum *sum = &area->sums[j];
			guint8 *word = buf + nec_sim_family_sum_file_offset(area, sum);
			guint16 value =
			    nec_sim_family_sum_words(buf + area->file_offset + sum->start,
						     sum->word - sum->start);
			word[0] = value >> 8;
			word[1] = value & 0xff;
		}
	}
}

/* the filler must not hold a second signature, or parsers could pick it */
static void
nec_sim_image_break_other_signatures(const NecSimFamily *family, guint8 *buf, gsize body_end)
{
	gsize wanted = family->areas[0].file_offset + NEC_SIM_IMAGE_SIGNATURE_OFFSET;
	gsize start = 0;

	for (;;) {
		gsize offset = 0;
		if (!nec_sim_image_find_signature(buf + start, body_end - start, &offset))
			return;
		offset += start;
		if (offset == wanted) {
			start = offset + 1;
			continue;
		}
		/* the 5th byte is 0x78 in the signature, never in a checksum word */
		buf[offset + 4] ^= 0x01;
		nec_sim_image_write_checksums(family, buf);
		start = 0;
	}
}

GBytes *
nec_sim_image_new_full(const NecSimModel *model,
		       const gchar *revision,
		       const NecSimImageOptions *opts,
		       GError **error)
{
	const NecSimFamily *family = model->family;
	const NecSimArea *area0 = &family->areas[0];
	/* Binflash's dumps write the canonical key, so a dump can equal the image */
	const gchar *hwid = opts->hwid != NULL ? opts->hwid : model->key;
	gsize bufsz = family->image_size + (opts->no_bootcode ? 0 : 2);
	gsize body_end = family->sum_appended ? family->id_offset - 2 : family->id_offset;
	g_autofree guint8 *buf = NULL;
	guint8 *inq;

	if (revision == NULL || strlen(revision) != 4) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_ARGUMENT,
			    "revision must be 4 characters, got '%s'",
			    revision != NULL ? revision : "(null)");
		return NULL;
	}
	if (strlen(hwid) != 4) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_ARGUMENT,
			    "hardware ID must be 4 characters, got '%s'",
			    hwid);
		return NULL;
	}

	/* each body part its own filler; the first part's seed is the 1M image's of old */
	buf = g_malloc0(bufsz);
	for (guint i = 0; i < family->n_areas; i++) {
		const NecSimArea *area = &family->areas[i];
		g_autofree gchar *seed =
		    i == 0 ? g_strdup_printf("body:%s:%s", model->name, revision)
			   : g_strdup_printf("body%u:%s:%s", i, model->name, revision);
		nec_sim_filler_fill(buf + area->file_offset, area->size, seed);
	}
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_image_id_addrs); i++) {
		guint32 addr = nec_sim_image_id_addrs[i];
		if (addr >= area0->flash_addr && addr - area0->flash_addr < area0->size)
			nec_sim_image_no_id(buf + area0->file_offset + addr - area0->flash_addr);
	}
	memcpy(buf + area0->file_offset + NEC_SIM_IMAGE_SIGNATURE_OFFSET,
	       nec_sim_image_signature,
	       sizeof(nec_sim_image_signature));
	inq = buf + area0->file_offset + NEC_SIM_IMAGE_SIGNATURE_OFFSET +
	      NEC_SIM_IMAGE_INQUIRY_OFFSET;
	memcpy(inq, model->vendor, 8);
	memcpy(inq + 8, model->product, 16);
	memcpy(inq + 24, revision, 4);
	memcpy(inq + 28, nec_sim_image_inquiry_extra, 20);
	/* the byte Binflash reads to tell the firmware apart: dump id, slim connection class */
	if (model->dump_needs_id && family->dump_id_addr != 0)
		buf[area0->file_offset + family->dump_id_addr - area0->flash_addr] = model->dump_id;
	if (model->slim)
		buf[model->laptop_offset] = opts->laptop_slave ? model->laptop_slave
							       : model->laptop_master;
	nec_sim_image_write_checksums(family, buf);
	nec_sim_image_break_other_signatures(family, buf, body_end);

	memcpy(buf + family->id_offset, hwid, 4);
	if (family->id_copy_offset != 0)
		memcpy(buf + family->id_copy_offset, hwid, 4);
	/* a slave-class image is for drives with the slave class's bootcode */
	if (!opts->no_bootcode)
		memcpy(buf + family->image_size,
		       opts->laptop_slave ? model->laptop_slave_boot : model->boot_version,
		       2);
	return g_bytes_new_take(g_steal_pointer(&buf), bufsz);
}

GBytes *
nec_sim_image_new(const NecSimModel *model,
		  const gchar *revision,
		  gboolean with_bootcode,
		  GError **error)
{
	NecSimImageOptions opts = {.no_bootcode = !with_bootcode};
	return nec_sim_image_new_full(model, revision, &opts, error);
}

gboolean
nec_sim_image_check(GBytes *image, const NecSimModel *model, GError **error)
{
	const NecSimFamily *family = model->family;
	gsize bufsz = 0;
	const guint8 *buf = g_bytes_get_data(image, &bufsz);
	g_autofree gchar *hwid = NULL;
	const gchar *key;

	if (bufsz != family->image_size && bufsz != family->image_size + 2) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "image is %" G_GSIZE_FORMAT " bytes, a %s image is %" G_GSIZE_FORMAT
			    " or %" G_GSIZE_FORMAT,
			    bufsz,
			    family->name,
			    family->image_size,
			    family->image_size + 2);
		return FALSE;
	}
	hwid = g_strndup((const gchar *)buf + family->id_offset, 4);
	key = nec_sim_model_key_of_hwid(hwid);
	if (g_strcmp0(hwid, model->hwid) != 0 && g_strcmp0(key, model->key) != 0) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "image hardware ID %s does not match %s (%s)",
			    hwid,
			    model->name,
			    model->key);
		return FALSE;
	}
	if (bufsz == family->image_size + 2 &&
	    memcmp(buf + family->image_size, model->boot_version, 2) != 0 &&
	    (!model->slim || memcmp(buf + family->image_size, model->laptop_slave_boot, 2) != 0)) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "image bootcode version %.2s does not match %s (%s)",
			    (const gchar *)buf + family->image_size,
			    model->name,
			    model->boot_version);
		return FALSE;
	}
	return TRUE;
}
