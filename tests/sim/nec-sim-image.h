/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-model.h"

/*
 * .BIN images of every family (families.md 5.x): the body part(s), the
 * trailer ID (640K: twice), the optional 2-byte bootcode version; 2M keeps
 * its body sum in the 2 bytes after the body.
 */
#define NEC_SIM_IMAGE_SIGNATURE_OFFSET 0x20000 /* in the first body part */
#define NEC_SIM_IMAGE_SIGNATURE_SIZE   10
#define NEC_SIM_IMAGE_INQUIRY_OFFSET   394 /* from the signature start */
#define NEC_SIM_IMAGE_INQUIRY_SIZE     48  /* vendor 8, product 16, revision 4, 20 more */

/* the 1M family's layout, which older callers still name */
#define NEC_SIM_IMAGE_BODY_SIZE	      0xFA000
#define NEC_SIM_IMAGE_CHECKSUM_OFFSET 0xF9FFE
#define NEC_SIM_IMAGE_SIZE	      (NEC_SIM_IMAGE_BODY_SIZE + 4)
#define NEC_SIM_IMAGE_SIZE_BOOTCODE   (NEC_SIM_IMAGE_SIZE + 2)

typedef struct {
	gchar vendor[9];
	gchar product[17];
	gchar revision[5];
	gchar vendor_specific[21]; /* INQUIRY bytes 36..55: NEC puts a date there */
} NecSimInquiry;

typedef struct {
	gboolean no_bootcode;  /* leave out the 2-byte bootcode version */
	const gchar *hwid;     /* trailer ID instead of the model's canonical key; NULL */
	gboolean laptop_slave; /* slim: the slave class's connection byte */
} NecSimImageOptions;

GBytes *
nec_sim_image_new_full(const NecSimModel *model,
		       const gchar *revision,
		       const NecSimImageOptions *opts,
		       GError **error);
GBytes *
nec_sim_image_new(const NecSimModel *model,
		  const gchar *revision,
		  gboolean with_bootcode,
		  GError **error);

/* size, trailer ID (the model's type) and bootcode version; the body may be broken */
gboolean
nec_sim_image_check(GBytes *image, const NecSimModel *model, GError **error);

/* 1M single-part helpers on a body of NEC_SIM_IMAGE_BODY_SIZE bytes */
guint16
nec_sim_image_checksum(const guint8 *body);
guint16
nec_sim_image_get_stored_checksum(const guint8 *body);

guint
nec_sim_image_count_signatures(const guint8 *buf, gsize bufsz);
gboolean
nec_sim_image_find_signature(const guint8 *buf, gsize bufsz, gsize *offset);
gboolean
nec_sim_image_read_inquiry(const guint8 *buf, gsize bufsz, NecSimInquiry *inquiry);

/* known IDs start with an upper-case letter: make a filler byte never do so */
void
nec_sim_image_no_id(guint8 *p);
