/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-model.h"

/* .BIN image of the 1 MiB family: body, hardware ID, optional bootcode version */
#define NEC_SIM_IMAGE_BODY_SIZE	       0xFA000
#define NEC_SIM_IMAGE_CHECKSUM_OFFSET  0xF9FFE /* the body's last big-endian word */
#define NEC_SIM_IMAGE_SIZE	       (NEC_SIM_IMAGE_BODY_SIZE + 4)
#define NEC_SIM_IMAGE_SIZE_BOOTCODE    (NEC_SIM_IMAGE_SIZE + 2)
#define NEC_SIM_IMAGE_SIGNATURE_OFFSET 0x20000 /* where synthetic bodies hold it */
#define NEC_SIM_IMAGE_SIGNATURE_SIZE   10
#define NEC_SIM_IMAGE_INQUIRY_OFFSET   394 /* from the signature start */
#define NEC_SIM_IMAGE_INQUIRY_SIZE     48  /* vendor 8, product 16, revision 4, 20 more */

typedef struct {
	gchar vendor[9];
	gchar product[17];
	gchar revision[5];
	gchar vendor_specific[21]; /* INQUIRY bytes 36..55: NEC puts a date there */
} NecSimInquiry;

GBytes *
nec_sim_image_new(const NecSimModel *model,
		  const gchar *revision,
		  gboolean with_bootcode,
		  GError **error);
GBytes *
nec_sim_image_get_body(GBytes *image, const NecSimModel *model, GError **error);

guint16
nec_sim_image_checksum(const guint8 *body);
guint16
nec_sim_image_get_stored_checksum(const guint8 *body);
gboolean
nec_sim_image_checksum_valid(const guint8 *body);

guint
nec_sim_image_count_signatures(const guint8 *buf, gsize bufsz);
gboolean
nec_sim_image_find_signature(const guint8 *buf, gsize bufsz, gsize *offset);
gboolean
nec_sim_image_read_inquiry(const guint8 *buf, gsize bufsz, NecSimInquiry *inquiry);
gboolean
nec_sim_image_body_is_bootable(const guint8 *body);
