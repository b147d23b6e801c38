/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

#include "fu-nec-odd-family.h"

/* a drive type reads this at flash 0x10000 and needs it in ReadRAM to be dumped */
#define FU_NEC_ODD_MODEL_FLAG_DUMP_NEEDS_ID "dump-needs-id"

/* the connection class of a slim drive's firmware */
typedef enum {
	FU_NEC_ODD_LAPTOP_CLASS_NONE,
	FU_NEC_ODD_LAPTOP_CLASS_MASTER,
	FU_NEC_ODD_LAPTOP_CLASS_SLAVE,
} FuNecOddLaptopClass;

/* what nec-odd.quirk says about one hardware ID */
typedef struct {
	gchar *family_name; /* NecOddFamily, e.g. "1M" or "unsupported" */
	gchar *key;	    /* NecOddSafeModeKey: the canonical key of the drive type */
	gchar *model;
	gchar *product;
	gchar *probe_key;
	gchar *xflash_group;
	gboolean is_laptop; /* NecOddLaptopOffset given: slim drive, master/slave check */
	guint32 laptop_offset;
	GByteArray *laptop_master;
	GByteArray *laptop_slave;
	guint16 laptop_master_bootcode; /* two ASCII digits, 0 if unknown */
	guint16 laptop_slave_bootcode;
	gboolean file_only;
	gboolean dump_needs_id;
} FuNecOddModel;

FuNecOddModel *
fu_nec_odd_model_new(void);
void
fu_nec_odd_model_free(FuNecOddModel *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FuNecOddModel, fu_nec_odd_model_free)

void
fu_nec_odd_model_add_quirk_keys(FuContext *ctx) G_GNUC_NON_NULL(1);
gboolean
fu_nec_odd_model_set_quirk_kv(FuNecOddModel *self,
			      const gchar *key,
			      const gchar *value,
			      GError **error) G_GNUC_NON_NULL(1, 2, 3);
FuNecOddModel *
fu_nec_odd_model_new_from_quirks(FuContext *ctx, const gchar *hardware_id) G_GNUC_NON_NULL(1, 2);
const FuNecOddFamily *
fu_nec_odd_model_get_family(const FuNecOddModel *self) G_GNUC_NON_NULL(1);
FuNecOddLaptopClass
fu_nec_odd_model_get_laptop_class(const FuNecOddModel *self, guint8 value) G_GNUC_NON_NULL(1);
guint16
fu_nec_odd_model_get_laptop_bootcode(const FuNecOddModel *self, FuNecOddLaptopClass klass)
    G_GNUC_NON_NULL(1);
const gchar *
fu_nec_odd_model_laptop_class_to_string(FuNecOddLaptopClass klass);
