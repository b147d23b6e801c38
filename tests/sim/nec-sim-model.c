/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-model.h"

static const NecSimModel nec_sim_models[] = {
    {
	.name = "ND-3520A",
	.vendor = "_NEC    ",
	.product = "DVD_RW ND-3520A ",
	.hwid = "K352",
	.boot_version = "01",
	/* users saw this product string on drives stuck in their bootcode */
	.boot_product = "DVD+RW ND-3100A ",
	.oldest_revision = "1.04",
    },
    {
	.name = "ND-3540A",
	.vendor = "_NEC    ",
	.product = "DVD_RW ND-3540A ",
	.hwid = "K354",
	.boot_version = "02",
	.boot_product = "DVD_RW ND-3540A ",
	.oldest_revision = "1.01",
    },
};

/* NULL selects the first row, the ND-3520A */
const NecSimModel *
nec_sim_model_find(const gchar *name)
{
	if (name == NULL)
		return &nec_sim_models[0];
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_models); i++) {
		if (g_strcmp0(nec_sim_models[i].name, name) == 0)
			return &nec_sim_models[i];
	}
	return NULL;
}
