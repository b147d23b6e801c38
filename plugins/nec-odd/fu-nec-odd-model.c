/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-model.h"

/* every key of nec-odd.quirk; fwupd drops keys nobody registered */
static const gchar *fu_nec_odd_model_quirk_keys[] = {
    "NecOddFamily",
    "NecOddSafeModeKey",
    "NecOddModel",
    "NecOddProduct",
    "NecOddProbeKey",
    "NecOddXflashGroup",
    "NecOddLaptopOffset",
    "NecOddLaptopMaster",
    "NecOddLaptopSlave",
    "NecOddLaptopMasterBootcode",
    "NecOddLaptopSlaveBootcode",
    "NecOddFileOnly",
};

FuNecOddModel *
fu_nec_odd_model_new(void)
{
	return g_new0(FuNecOddModel, 1);
}

void
fu_nec_odd_model_free(FuNecOddModel *self)
{
	g_free(self->family_name);
	g_free(self->key);
	g_free(self->model);
	g_free(self->product);
	g_free(self->probe_key);
	g_free(self->xflash_group);
	if (self->laptop_master != NULL)
		g_byte_array_unref(self->laptop_master);
	if (self->laptop_slave != NULL)
		g_byte_array_unref(self->laptop_slave);
	g_free(self);
}

void
fu_nec_odd_model_add_quirk_keys(FuContext *ctx)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_model_quirk_keys); i++)
		fu_context_add_quirk_key(ctx, fu_nec_odd_model_quirk_keys[i]);
}

/* the section name in nec-odd.quirk, as fu_device_build_instance_id() makes it */
static gchar *
fu_nec_odd_model_build_instance_id(const gchar *hardware_id)
{
	return g_strdup_printf("NEC_ODD\\HWID_%s", hardware_id);
}

/* four characters, as a drive or an image trailer carries them */
static gboolean
fu_nec_odd_model_parse_id(const gchar *value, gchar **out, GError **error)
{
	if (strlen(value) != 4) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "%s is not four characters",
			    value);
		return FALSE;
	}
	g_free(*out);
	*out = g_strdup(value);
	return TRUE;
}

/* "6F,7C" */
static GByteArray *
fu_nec_odd_model_parse_bytes(const gchar *value, GError **error)
{
	g_auto(GStrv) split = g_strsplit(value, ",", -1);
	g_autoptr(GByteArray) buf = g_byte_array_new();

	for (guint i = 0; split[i] != NULL; i++) {
		guint64 tmp = 0;
		if (!fu_strtoull(split[i], &tmp, 0, G_MAXUINT8, FU_INTEGER_BASE_16, error))
			return NULL;
		fu_byte_array_append_uint8(buf, (guint8)tmp);
	}
	return g_steal_pointer(&buf);
}

/* "05": the bootcode version's two ASCII digits */
static gboolean
fu_nec_odd_model_parse_bootcode(const gchar *value, guint16 *bootcode, GError **error)
{
	if (strlen(value) != 2 || !g_ascii_isdigit(value[0]) || !g_ascii_isdigit(value[1])) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "bootcode %s is not two digits",
			    value);
		return FALSE;
	}
	*bootcode = fu_memread_uint16((const guint8 *)value, G_BIG_ENDIAN);
	return TRUE;
}

gboolean
fu_nec_odd_model_set_quirk_kv(FuNecOddModel *self,
			      const gchar *key,
			      const gchar *value,
			      GError **error)
{
	if (g_strcmp0(key, "NecOddFamily") == 0) {
		if (g_strcmp0(value, "unsupported") != 0 &&
		    fu_nec_odd_family_lookup(value) == NULL) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "no flash family %s",
				    value);
			return FALSE;
		}
		g_free(self->family_name);
		self->family_name = g_strdup(value);
		return TRUE;
	}
	if (g_strcmp0(key, "NecOddSafeModeKey") == 0)
		return fu_nec_odd_model_parse_id(value, &self->key, error);
	if (g_strcmp0(key, "NecOddProbeKey") == 0)
		return fu_nec_odd_model_parse_id(value, &self->probe_key, error);
	if (g_strcmp0(key, "NecOddXflashGroup") == 0)
		return fu_nec_odd_model_parse_id(value, &self->xflash_group, error);
	if (g_strcmp0(key, "NecOddModel") == 0) {
		g_free(self->model);
		self->model = g_strdup(value);
		return TRUE;
	}
	if (g_strcmp0(key, "NecOddProduct") == 0) {
		g_free(self->product);
		self->product = g_strdup(value);
		return TRUE;
	}
	if (g_strcmp0(key, "NecOddLaptopOffset") == 0) {
		guint64 tmp = 0;
		if (!fu_strtoull(value, &tmp, 0, G_MAXUINT16, FU_INTEGER_BASE_AUTO, error))
			return FALSE;
		self->is_laptop = TRUE;
		self->laptop_offset = (guint32)tmp;
		return TRUE;
	}
	if (g_strcmp0(key, "NecOddLaptopMaster") == 0 || g_strcmp0(key, "NecOddLaptopSlave") == 0) {
		GByteArray **buf = g_strcmp0(key, "NecOddLaptopMaster") == 0 ? &self->laptop_master
									     : &self->laptop_slave;
		g_autoptr(GByteArray) tmp = fu_nec_odd_model_parse_bytes(value, error);
		if (tmp == NULL)
			return FALSE;
		if (*buf != NULL)
			g_byte_array_unref(*buf);
		*buf = g_steal_pointer(&tmp);
		return TRUE;
	}
	if (g_strcmp0(key, "NecOddLaptopMasterBootcode") == 0)
		return fu_nec_odd_model_parse_bootcode(value, &self->laptop_master_bootcode, error);
	if (g_strcmp0(key, "NecOddLaptopSlaveBootcode") == 0)
		return fu_nec_odd_model_parse_bootcode(value, &self->laptop_slave_bootcode, error);
	if (g_strcmp0(key, "NecOddFileOnly") == 0)
		return fu_strtobool(value, &self->file_only, error);
	/* a device gets this as a private flag; a lookup by context sees the raw key */
	if (g_strcmp0(key, FU_QUIRKS_FLAGS) == 0) {
		g_auto(GStrv) split = g_strsplit(value, ",", -1);
		self->dump_needs_id = g_strv_contains((const gchar *const *)split,
						      FU_NEC_ODD_MODEL_FLAG_DUMP_NEEDS_ID);
		return TRUE;
	}
	g_set_error_literal(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_NOT_SUPPORTED,
			    "quirk key not supported");
	return FALSE;
}

static void
fu_nec_odd_model_quirks_iter_cb(FuContext *ctx,
				const gchar *key,
				const gchar *value,
				FuContextQuirkSource source,
				gpointer user_data)
{
	FuNecOddModel *self = (FuNecOddModel *)user_data;
	g_autoptr(GError) error_local = NULL;
	if (!fu_nec_odd_model_set_quirk_kv(self, key, value, &error_local)) {
		if (!g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED))
			g_warning("failed to set quirk key %s=%s: %s",
				  key,
				  value,
				  error_local->message);
	}
}

/* another hardware ID than the device's own, e.g. an image trailer's */
FuNecOddModel *
fu_nec_odd_model_new_from_quirks(FuContext *ctx, const gchar *hardware_id)
{
	g_autofree gchar *instance_id = fu_nec_odd_model_build_instance_id(hardware_id);
	g_autofree gchar *guid = fwupd_guid_hash_string(instance_id);
	g_autoptr(FuNecOddModel) self = fu_nec_odd_model_new();

	if (!fu_context_lookup_quirk_by_id_iter(ctx,
						guid,
						NULL,
						fu_nec_odd_model_quirks_iter_cb,
						self))
		return NULL;
	if (self->family_name == NULL)
		return NULL;
	return g_steal_pointer(&self);
}

/* NULL for an unknown or unsupported drive type */
const FuNecOddFamily *
fu_nec_odd_model_get_family(const FuNecOddModel *self)
{
	if (self->family_name == NULL || self->key == NULL)
		return NULL;
	return fu_nec_odd_family_lookup(self->family_name);
}

FuNecOddLaptopClass
fu_nec_odd_model_get_laptop_class(const FuNecOddModel *self, guint8 value)
{
	for (guint i = 0; self->laptop_master != NULL && i < self->laptop_master->len; i++) {
		if (self->laptop_master->data[i] == value)
			return FU_NEC_ODD_LAPTOP_CLASS_MASTER;
	}
	for (guint i = 0; self->laptop_slave != NULL && i < self->laptop_slave->len; i++) {
		if (self->laptop_slave->data[i] == value)
			return FU_NEC_ODD_LAPTOP_CLASS_SLAVE;
	}
	return FU_NEC_ODD_LAPTOP_CLASS_NONE;
}

guint16
fu_nec_odd_model_get_laptop_bootcode(const FuNecOddModel *self, FuNecOddLaptopClass klass)
{
	if (klass == FU_NEC_ODD_LAPTOP_CLASS_MASTER)
		return self->laptop_master_bootcode;
	if (klass == FU_NEC_ODD_LAPTOP_CLASS_SLAVE)
		return self->laptop_slave_bootcode;
	return 0;
}

const gchar *
fu_nec_odd_model_laptop_class_to_string(FuNecOddLaptopClass klass)
{
	if (klass == FU_NEC_ODD_LAPTOP_CLASS_MASTER)
		return "master";
	if (klass == FU_NEC_ODD_LAPTOP_CLASS_SLAVE)
		return "slave";
	return "unknown";
}
