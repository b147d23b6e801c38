/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-family.h"

/*
 * One NEC drive model: what the plugin's quirk file says about it (read with
 * GKeyFile, the simulator does not link fwupd) plus the facts only the
 * simulator needs (bootcode, shipped revision, RID string), kept in
 * nec-sim-model.c with documented defaults.
 */
typedef struct {
	const gchar *name;		/* NecOddModel: "ND-3520A" */
	const gchar *hwid;		/* the section's ID, read at the family's ID address */
	const gchar *key;		/* NecOddSafeModeKey: the one key the bootcode takes */
	const gchar *vendor;		/* INQUIRY vendor, 8 chars */
	const gchar *product;		/* NecOddProduct, space padded to 16 */
	const NecSimFamily *family;	/* NecOddFamily */
	const gchar *boot_version;	/* bootcode version, 2 chars */
	const gchar *boot_product;	/* INQUIRY product of the bootcode, 16 chars */
	const gchar *oldest_revision;	/* firmware the drive ships with, 4 chars */
	const gchar *rid;		/* RID string at the RID area + 0x10, 4 chars */
	gboolean dump_needs_id;		/* Flags = dump-needs-id */
	guint8 dump_id;			/* body byte 0 of synthetic images when dump_needs_id */
	gboolean slim;			/* NecOddLaptopOffset present */
	gsize laptop_offset;		/* image offset of the connection byte */
	guint8 laptop_master;		/* first master byte, the synthetic default */
	guint8 laptop_slave;		/* first slave byte */
	const gchar *laptop_slave_boot; /* the slave class's bootcode version, 2 chars */
} NecSimModel;

/* compiled-in source-tree path, or $NEC_SIM_QUIRK_FILE */
const gchar *
nec_sim_model_quirk_path(void);

/* NULL selects the ND-3520A; the section whose ID is the model's key, else its first */
const NecSimModel *
nec_sim_model_find(const gchar *name, GError **error);
/* the section of this hardware ID, file-only IDs excluded */
const NecSimModel *
nec_sim_model_find_by_hwid(const gchar *hwid, GError **error);
/* every drive model of a supported family, one per model name */
GPtrArray *
nec_sim_model_get_all(GError **error);
/* the canonical key of any section's ID (file-only too), NULL if not in the file */
const gchar *
nec_sim_model_key_of_hwid(const gchar *hwid);
