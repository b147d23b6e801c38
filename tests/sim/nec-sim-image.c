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

/* sum of the big-endian words of body[0 .. NEC_SIM_IMAGE_CHECKSUM_OFFSET) */
guint16
nec_sim_image_checksum(const guint8 *body)
{
	guint16 sum = 0;
	for (gsize i = 0; i < NEC_SIM_IMAGE_CHECKSUM_OFFSET; i += 2)
		sum += (guint16)((body[i] << 8) | body[i + 1]);
	return sum;
}

guint16
nec_sim_image_get_stored_checksum(const guint8 *body)
{
	return (guint16)((body[NEC_SIM_IMAGE_CHECKSUM_OFFSET] << 8) |
			 body[NEC_SIM_IMAGE_CHECKSUM_OFFSET + 1]);
}

gboolean
nec_sim_image_checksum_valid(const guint8 *body)
{
	return nec_sim_image_checksum(body) == nec_sim_image_get_stored_checksum(body);
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

/* what the drive checks at power-on before it starts the main firmware */
gboolean
nec_sim_image_body_is_bootable(const guint8 *body)
{
	NecSimInquiry inquiry;
	return nec_sim_image_read_inquiry(body, NEC_SIM_IMAGE_BODY_SIZE, &inquiry) &&
	       nec_sim_image_checksum_valid(body);
}

static void
nec_sim_image_write_checksum(guint8 *body)
{
	guint16 sum = nec_sim_image_checksum(body);
	body[NEC_SIM_IMAGE_CHECKSUM_OFFSET] = sum >> 8;
	body[NEC_SIM_IMAGE_CHECKSUM_OFFSET + 1] = sum & 0xff;
}

/* the filler must not hold a second signature, or parsers could pick it */
static void
nec_sim_image_break_other_signatures(guint8 *body)
{
	for (;;) {
		gsize offset = 0;
		gsize extra = 0;

		nec_sim_image_find_signature(body, NEC_SIM_IMAGE_BODY_SIZE, &offset);
		if (offset == NEC_SIM_IMAGE_SIGNATURE_OFFSET) {
			gsize start = offset + 1;
			if (!nec_sim_image_find_signature(body + start,
							  NEC_SIM_IMAGE_BODY_SIZE - start,
							  &extra))
				return;
			offset = start + extra;
		}
		/* the 5th byte is 0x78 in the signature, never in the checksum word */
		body[offset + 4] ^= 0x01;
		nec_sim_image_write_checksum(body);
	}
}

GBytes *
nec_sim_image_new(const NecSimModel *model,
		  const gchar *revision,
		  gboolean with_bootcode,
		  GError **error)
{
	gsize bufsz = with_bootcode ? NEC_SIM_IMAGE_SIZE_BOOTCODE : NEC_SIM_IMAGE_SIZE;
	g_autofree guint8 *buf = g_malloc(bufsz);
	g_autofree gchar *seed = NULL;
	guint8 *inq;

	if (revision == NULL || strlen(revision) != 4) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_ARGUMENT,
			    "revision must be 4 characters, got '%s'",
			    revision != NULL ? revision : "(null)");
		return NULL;
	}

	seed = g_strdup_printf("body:%s:%s", model->name, revision);
	nec_sim_filler_fill(buf, NEC_SIM_IMAGE_BODY_SIZE, seed);
	memcpy(buf + NEC_SIM_IMAGE_SIGNATURE_OFFSET,
	       nec_sim_image_signature,
	       sizeof(nec_sim_image_signature));
	inq = buf + NEC_SIM_IMAGE_SIGNATURE_OFFSET + NEC_SIM_IMAGE_INQUIRY_OFFSET;
	memcpy(inq, model->vendor, 8);
	memcpy(inq + 8, model->product, 16);
	memcpy(inq + 24, revision, 4);
	memcpy(inq + 28, nec_sim_image_inquiry_extra, 20);
	nec_sim_image_write_checksum(buf);
	nec_sim_image_break_other_signatures(buf);

	memcpy(buf + NEC_SIM_IMAGE_BODY_SIZE, model->hwid, 4);
	if (with_bootcode)
		memcpy(buf + NEC_SIM_IMAGE_SIZE, model->boot_version, 2);
	return g_bytes_new_take(g_steal_pointer(&buf), bufsz);
}

/* the body of an image for this model; the body itself may be broken */
GBytes *
nec_sim_image_get_body(GBytes *image, const NecSimModel *model, GError **error)
{
	gsize bufsz = 0;
	const guint8 *buf = g_bytes_get_data(image, &bufsz);

	if (bufsz != NEC_SIM_IMAGE_SIZE && bufsz != NEC_SIM_IMAGE_SIZE_BOOTCODE) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "image is %" G_GSIZE_FORMAT " bytes, expected %u or %u",
			    bufsz,
			    (guint)NEC_SIM_IMAGE_SIZE,
			    (guint)NEC_SIM_IMAGE_SIZE_BOOTCODE);
		return NULL;
	}
	if (memcmp(buf + NEC_SIM_IMAGE_BODY_SIZE, model->hwid, 4) != 0) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "image hardware ID %.4s does not match %s (%s)",
			    (const gchar *)buf + NEC_SIM_IMAGE_BODY_SIZE,
			    model->name,
			    model->hwid);
		return NULL;
	}
	if (bufsz == NEC_SIM_IMAGE_SIZE_BOOTCODE &&
	    memcmp(buf + NEC_SIM_IMAGE_SIZE, model->boot_version, 2) != 0) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "image bootcode version %.2s does not match %s (%s)",
			    (const gchar *)buf + NEC_SIM_IMAGE_SIZE,
			    model->name,
			    model->boot_version);
		return NULL;
	}
	return g_bytes_new_from_bytes(image, 0, NEC_SIM_IMAGE_BODY_SIZE);
}
