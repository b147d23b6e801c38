/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

/* one NEC 1 MiB-family drive model; adding a model is adding a table row */
typedef struct {
	const gchar *name;	      /* "ND-3520A" */
	const gchar *vendor;	      /* INQUIRY vendor, 8 chars */
	const gchar *product;	      /* INQUIRY product, 16 chars */
	const gchar *hwid;	      /* hardware ID at flash 0x4800, 4 chars */
	const gchar *boot_version;    /* bootcode version, 2 chars */
	const gchar *boot_product;    /* INQUIRY product of the bootcode, 16 chars */
	const gchar *oldest_revision; /* firmware the drive ships with, 4 chars */
} NecSimModel;

const NecSimModel *
nec_sim_model_find(const gchar *name);
