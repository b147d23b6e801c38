/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-model.h"

#include <gio/gio.h>
#include <string.h>

#define NEC_SIM_MODEL_GROUP_PREFIX "NEC_ODD\\HWID_"
#define NEC_SIM_MODEL_DEFAULT	   "ND-3520A"
#define NEC_SIM_MODEL_VENDOR	   "_NEC    "
/* L253: Binflash knows no connection byte; the synthetic images use L252's master byte */
#define NEC_SIM_MODEL_LAPTOP_UNKNOWN 0x97

/* what the quirk file does not say: bootcode, shipped revision, RID string [U] */
typedef struct {
	const gchar *name;
	const gchar *boot_version; /* NULL: the slim master class's, else "01" */
	const gchar *boot_product; /* NULL: the main firmware's product */
	const gchar *oldest_revision;
	const gchar *rid; /* FirmwareID.xlsx's RID column */
	guint8 dump_id;	  /* FirmwareID.xlsx's dump ID, body byte 0 (dump-needs-id models) */
} NecSimModelExtra;

static const NecSimModelExtra nec_sim_model_extras[] = {
    /* users saw this product string on ND-3520A drives stuck in their bootcode */
    {"ND-3520A", "01", "DVD+RW ND-3100A ", "1.04", "ND21", 0},
    {"ND-3540A", "02", NULL, "1.01", "ND24", 0},
    {"ND-1000A", NULL, NULL, NULL, "ND03", 0},
    {"ND-1100A", NULL, NULL, NULL, "ND02", 0},
    {"ND-1300A", NULL, NULL, NULL, "ND04", 0},
    {"ND-2500A", NULL, NULL, NULL, "ND09", 0},
    {"ND-3450A", NULL, NULL, NULL, "ND19", 0},
    {"ND-3500A", NULL, NULL, NULL, "ND17", 0},
    {"ND-3530A", NULL, NULL, NULL, "ND22", 0},
    {"ND-3550A", NULL, NULL, NULL, "ND30", 0},
    {"ND-3551A", NULL, NULL, NULL, "ND31", 0},
    {"ND-3570A", NULL, NULL, NULL, NULL, 0xA2},
    {"ND-3571A", NULL, NULL, NULL, NULL, 0xA3},
    {"ND-4550A", NULL, NULL, NULL, "ND27", 0},
    {"ND-4570A", NULL, NULL, NULL, "ND37", 0xA0},
    {"ND-4571A", NULL, NULL, NULL, "ND39", 0xA1},
    {"ND-4650A", NULL, NULL, NULL, "ND36", 0},
    {"ND-5100A", NULL, NULL, NULL, "ND05", 0},
    {"ND-6500A", NULL, NULL, NULL, "ND16", 0},
    {"ND-6650A", NULL, NULL, NULL, "ND23", 0},
    {"ND-6750A", NULL, NULL, NULL, "ND34", 0},
    {"ND-7550A", NULL, NULL, NULL, "ND32", 0},
    {"ND-7551A", NULL, NULL, NULL, "ND33", 0},
};

typedef struct {
	NecSimModel model;
	gboolean file_only;
} NecSimModelEntry;

static GPtrArray *nec_sim_model_entries = NULL; /* of NecSimModelEntry, never freed */
static gchar *nec_sim_model_load_error = NULL;
G_LOCK_DEFINE_STATIC(nec_sim_model_lock);

const gchar *
nec_sim_model_quirk_path(void)
{
	const gchar *path = g_getenv("NEC_SIM_QUIRK_FILE");
	return path != NULL && path[0] != '\0' ? path : NEC_SIM_QUIRK_FILE;
}

static const NecSimModelExtra *
nec_sim_model_find_extra(const gchar *name)
{
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_model_extras); i++) {
		if (g_strcmp0(nec_sim_model_extras[i].name, name) == 0)
			return &nec_sim_model_extras[i];
	}
	return NULL;
}

/* the first byte of "87,8C"; FALSE when the list is empty */
static gboolean
nec_sim_model_parse_first_byte(const gchar *str, guint8 *value)
{
	guint64 tmp = 0;
	g_auto(GStrv) split = NULL;

	if (str == NULL || str[0] == '\0')
		return FALSE;
	split = g_strsplit(str, ",", -1);
	if (!g_ascii_string_to_unsigned(g_strstrip(split[0]), 16, 0, 0xFF, &tmp, NULL))
		return FALSE;
	*value = (guint8)tmp;
	return TRUE;
}

static gchar *
nec_sim_model_get(GKeyFile *kf, const gchar *group, const gchar *key)
{
	g_autofree gchar *value = g_key_file_get_string(kf, group, key, NULL);
	if (value == NULL)
		return NULL;
	return g_strdup(g_strstrip(value));
}

static NecSimModelEntry *
nec_sim_model_entry_new(GKeyFile *kf, const gchar *group, GError **error)
{
	const gchar *hwid = group + strlen(NEC_SIM_MODEL_GROUP_PREFIX);
	g_autofree gchar *family = nec_sim_model_get(kf, group, "NecOddFamily");
	g_autofree gchar *product = nec_sim_model_get(kf, group, "NecOddProduct");
	g_autofree gchar *flags = nec_sim_model_get(kf, group, "Flags");
	g_autofree gchar *file_only = nec_sim_model_get(kf, group, "NecOddFileOnly");
	g_autofree gchar *laptop_offset = nec_sim_model_get(kf, group, "NecOddLaptopOffset");
	g_autofree gchar *laptop_master = nec_sim_model_get(kf, group, "NecOddLaptopMaster");
	g_autofree gchar *laptop_slave = nec_sim_model_get(kf, group, "NecOddLaptopSlave");
	g_autofree gchar *master_boot = nec_sim_model_get(kf, group, "NecOddLaptopMasterBootcode");
	g_autofree gchar *slave_boot = nec_sim_model_get(kf, group, "NecOddLaptopSlaveBootcode");
	NecSimModelEntry *entry;
	NecSimModel *model;
	const NecSimModelExtra *extra;

	/* Optiarc and other platforms: listed by the plugin, not simulated */
	if (family == NULL || g_strcmp0(family, "unsupported") == 0)
		return NULL;
	entry = g_new0(NecSimModelEntry, 1);
	model = &entry->model;
	model->family = nec_sim_family_find(family);
	model->name = nec_sim_model_get(kf, group, "NecOddModel");
	model->key = nec_sim_model_get(kf, group, "NecOddSafeModeKey");
	if (model->family == NULL || model->name == NULL || model->key == NULL ||
	    strlen(hwid) != 4 || strlen(model->key) != 4) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_INVALID_DATA,
			    "%s: [%s] needs a known NecOddFamily, NecOddModel and a 4-character "
			    "NecOddSafeModeKey",
			    nec_sim_model_quirk_path(),
			    group);
		g_free(entry);
		return NULL;
	}
	model->hwid = g_strdup(hwid);
	model->vendor = NEC_SIM_MODEL_VENDOR;
	model->product = g_strdup_printf("%-16.16s", product != NULL ? product : model->name);
	entry->file_only = g_strcmp0(file_only, "true") == 0;
	model->dump_needs_id = flags != NULL && strstr(flags, "dump-needs-id") != NULL;
	if (laptop_offset != NULL) {
		guint64 tmp = 0;
		gboolean hex = g_str_has_prefix(laptop_offset, "0x");
		if (!g_ascii_string_to_unsigned(laptop_offset + (hex ? 2 : 0),
						hex ? 16 : 10,
						0,
						model->family->image_size - 1,
						&tmp,
						error)) {
			g_prefix_error(error, "[%s] NecOddLaptopOffset: ", group);
			g_free(entry);
			return NULL;
		}
		model->slim = TRUE;
		model->laptop_offset = (gsize)tmp;
		if (!nec_sim_model_parse_first_byte(laptop_master, &model->laptop_master))
			model->laptop_master = NEC_SIM_MODEL_LAPTOP_UNKNOWN;
		if (!nec_sim_model_parse_first_byte(laptop_slave, &model->laptop_slave))
			model->laptop_slave = model->laptop_master;
	}

	/* the simulator's own facts, with defaults */
	extra = nec_sim_model_find_extra(model->name);
	if (extra != NULL && extra->boot_version != NULL)
		model->boot_version = g_strdup(extra->boot_version);
	else if (master_boot != NULL && strlen(master_boot) == 2)
		model->boot_version = g_strdup(master_boot);
	else
		model->boot_version = g_strdup("01");
	model->laptop_slave_boot = slave_boot != NULL && strlen(slave_boot) == 2
				       ? g_strdup(slave_boot)
				       : g_strdup(model->boot_version);
	model->boot_product = extra != NULL && extra->boot_product != NULL
				  ? g_strdup(extra->boot_product)
				  : g_strdup(model->product);
	model->oldest_revision = g_strdup(
	    extra != NULL && extra->oldest_revision != NULL ? extra->oldest_revision : "1.00");
	model->rid = g_strdup(extra != NULL && extra->rid != NULL ? extra->rid : "ND00");
	model->dump_id = extra != NULL ? extra->dump_id : 0;
	return entry;
}

static GPtrArray *
nec_sim_model_load(GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GPtrArray) entries = g_ptr_array_new();
	g_auto(GStrv) groups = NULL;

	if (!g_key_file_load_from_file(kf, nec_sim_model_quirk_path(), G_KEY_FILE_NONE, error)) {
		g_prefix_error(error, "quirk file %s: ", nec_sim_model_quirk_path());
		return NULL;
	}
	groups = g_key_file_get_groups(kf, NULL);
	for (guint i = 0; groups[i] != NULL; i++) {
		g_autoptr(GError) error_local = NULL;
		NecSimModelEntry *entry;
		if (!g_str_has_prefix(groups[i], NEC_SIM_MODEL_GROUP_PREFIX))
			continue;
		entry = nec_sim_model_entry_new(kf, groups[i], &error_local);
		if (error_local != NULL) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return NULL;
		}
		if (entry != NULL)
			g_ptr_array_add(entries, entry);
	}
	return g_steal_pointer(&entries);
}

/* loaded once per process; a failure is remembered too */
static GPtrArray *
nec_sim_model_get_entries(GError **error)
{
	GPtrArray *entries;

	G_LOCK(nec_sim_model_lock);
	if (nec_sim_model_entries == NULL && nec_sim_model_load_error == NULL) {
		g_autoptr(GError) error_local = NULL;
		nec_sim_model_entries = nec_sim_model_load(&error_local);
		if (nec_sim_model_entries == NULL)
			nec_sim_model_load_error = g_strdup(error_local->message);
	}
	entries = nec_sim_model_entries;
	if (entries == NULL)
		g_set_error_literal(error,
				    G_IO_ERROR,
				    G_IO_ERROR_INVALID_DATA,
				    nec_sim_model_load_error);
	G_UNLOCK(nec_sim_model_lock);
	return entries;
}

const NecSimModel *
nec_sim_model_find(const gchar *name, GError **error)
{
	GPtrArray *entries = nec_sim_model_get_entries(error);
	const NecSimModel *first = NULL;

	if (entries == NULL)
		return NULL;
	if (name == NULL)
		name = NEC_SIM_MODEL_DEFAULT;
	for (guint i = 0; i < entries->len; i++) {
		NecSimModelEntry *entry = g_ptr_array_index(entries, i);
		if (entry->file_only || g_strcmp0(entry->model.name, name) != 0)
			continue;
		if (g_strcmp0(entry->model.hwid, entry->model.key) == 0)
			return &entry->model;
		if (first == NULL)
			first = &entry->model;
	}
	if (first == NULL)
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_NOT_FOUND,
			    "unknown model %s (not in %s)",
			    name,
			    nec_sim_model_quirk_path());
	return first;
}

const NecSimModel *
nec_sim_model_find_by_hwid(const gchar *hwid, GError **error)
{
	GPtrArray *entries = nec_sim_model_get_entries(error);

	if (entries == NULL)
		return NULL;
	for (guint i = 0; i < entries->len; i++) {
		NecSimModelEntry *entry = g_ptr_array_index(entries, i);
		if (!entry->file_only && g_strcmp0(entry->model.hwid, hwid) == 0)
			return &entry->model;
	}
	g_set_error(error,
		    G_IO_ERROR,
		    G_IO_ERROR_NOT_FOUND,
		    "no drive model reads hardware ID %s in %s",
		    hwid,
		    nec_sim_model_quirk_path());
	return NULL;
}

GPtrArray *
nec_sim_model_get_all(GError **error)
{
	GPtrArray *entries = nec_sim_model_get_entries(error);
	g_autoptr(GPtrArray) models = NULL;

	if (entries == NULL)
		return NULL;
	models = g_ptr_array_new();
	for (guint i = 0; i < entries->len; i++) {
		NecSimModelEntry *entry = g_ptr_array_index(entries, i);
		const NecSimModel *model;
		gboolean seen = FALSE;
		if (entry->file_only)
			continue;
		for (guint j = 0; j < models->len; j++) {
			const NecSimModel *other = g_ptr_array_index(models, j);
			if (g_strcmp0(other->name, entry->model.name) == 0)
				seen = TRUE;
		}
		if (seen)
			continue;
		model = nec_sim_model_find(entry->model.name, error);
		if (model == NULL)
			return NULL;
		g_ptr_array_add(models, (gpointer)model);
	}
	return g_steal_pointer(&models);
}

const gchar *
nec_sim_model_key_of_hwid(const gchar *hwid)
{
	GPtrArray *entries = nec_sim_model_get_entries(NULL);

	for (guint i = 0; entries != NULL && i < entries->len; i++) {
		NecSimModelEntry *entry = g_ptr_array_index(entries, i);
		if (g_strcmp0(entry->model.hwid, hwid) == 0)
			return entry->model.key;
	}
	return NULL;
}
