/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-answer.h"
#include "fu-nec-odd-family.h"
#include "fu-nec-odd-struct.h"

#define FU_NEC_ODD_ANSWER_PERIPHERAL_TYPE_CDROM 0x05

/* bytes as the user can compare them with a hex dump, e.g. "ff ff ff ff" */
static gchar *
fu_nec_odd_answer_to_hex(const guint8 *buf, gsize bufsz)
{
	g_autoptr(GString) str = g_string_new(NULL);
	for (gsize i = 0; i < bufsz; i++) {
		if (str->len > 0)
			g_string_append_c(str, ' ');
		g_string_append_printf(str, "%02x", buf[i]);
	}
	return g_string_free(g_steal_pointer(&str), FALSE);
}

/* INQUIRY strings are printable ASCII, space padded (SPC-4 6.6.2) */
static gchar *
fu_nec_odd_answer_parse_string(const guint8 *buf,
			       gsize offset,
			       gsize size,
			       const gchar *what,
			       GError **error)
{
	g_autofree gchar *str = NULL;

	for (gsize i = 0; i < size; i++) {
		if (buf[offset + i] < 0x20 || buf[offset + i] > 0x7E) {
			g_autofree gchar *hex = fu_nec_odd_answer_to_hex(buf + offset, size);
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "INQUIRY %s is not printable: %s",
				    what,
				    hex);
			return NULL;
		}
	}
	str = g_strndup((const gchar *)buf + offset, size);
	g_strstrip(str);
	if (str[0] == '\0') {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "INQUIRY %s is empty",
			    what);
		return NULL;
	}
	return g_steal_pointer(&str);
}

/* bufsz is what the drive actually sent */
gboolean
fu_nec_odd_answer_parse_inquiry(const guint8 *buf,
				gsize bufsz,
				gchar **product,
				gchar **revision,
				GError **error)
{
	guint8 peripheral;
	g_autofree gchar *vendor_tmp = NULL;
	g_autofree gchar *product_tmp = NULL;
	g_autofree gchar *revision_tmp = NULL;
	g_autoptr(FuStructNecOddInquiry) st = NULL;

	if (bufsz < FU_NEC_ODD_ANSWER_INQUIRY_SIZE) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "INQUIRY answer has %u bytes, expected %u",
			    (guint)bufsz,
			    (guint)FU_NEC_ODD_ANSWER_INQUIRY_SIZE);
		return FALSE;
	}
	st = fu_struct_nec_odd_inquiry_parse(buf, bufsz, 0x0, error);
	if (st == NULL)
		return FALSE;

	/* qualifier 0: the device is connected; type 5: CD/DVD */
	peripheral = fu_struct_nec_odd_inquiry_get_peripheral(st);
	if (peripheral != FU_NEC_ODD_ANSWER_PERIPHERAL_TYPE_CDROM) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_NOT_SUPPORTED,
			    "not a connected CD/DVD drive: INQUIRY peripheral byte is 0x%02x",
			    peripheral);
		return FALSE;
	}
	/* the additional length counts the bytes after byte 4 the drive has */
	if (fu_struct_nec_odd_inquiry_get_additional_length(st) + 5u <
	    FU_NEC_ODD_ANSWER_INQUIRY_SIZE) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "INQUIRY additional length %u leaves no room for the revision",
			    fu_struct_nec_odd_inquiry_get_additional_length(st));
		return FALSE;
	}
	vendor_tmp = fu_nec_odd_answer_parse_string(buf, 8, 8, "vendor", error);
	if (vendor_tmp == NULL)
		return FALSE;
	product_tmp = fu_nec_odd_answer_parse_string(buf, 16, 16, "product", error);
	if (product_tmp == NULL)
		return FALSE;
	revision_tmp = fu_nec_odd_answer_parse_string(buf, 32, 4, "revision", error);
	if (revision_tmp == NULL)
		return FALSE;
	if (product != NULL)
		*product = g_steal_pointer(&product_tmp);
	if (revision != NULL)
		*revision = g_steal_pointer(&revision_tmp);
	return TRUE;
}

/* the bootcode reports 0.xy, bytes 2 and 3 being its version in ASCII digits */
gboolean
fu_nec_odd_answer_parse_bootcode(const gchar *revision, guint16 *bootcode, GError **error)
{
	if (strlen(revision) != 4 || revision[0] != '0' || !g_ascii_isdigit(revision[2]) ||
	    !g_ascii_isdigit(revision[3])) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "the bootcode reports revision '%s', not 0.xy with two digits",
			    revision);
		return FALSE;
	}
	*bootcode = fu_memread_uint16((const guint8 *)revision + 2, G_BIG_ENDIAN);
	return TRUE;
}

/* four printable ASCII characters, e.g. K352; anything else is named in hex */
gchar *
fu_nec_odd_answer_parse_hardware_id(const guint8 *buf, gsize bufsz, GError **error)
{
	if (bufsz < FU_NEC_ODD_HARDWARE_ID_SIZE) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "the hardware ID answer has %u bytes, expected %u",
			    (guint)bufsz,
			    (guint)FU_NEC_ODD_HARDWARE_ID_SIZE);
		return NULL;
	}
	for (guint i = 0; i < FU_NEC_ODD_HARDWARE_ID_SIZE; i++) {
		if (!g_ascii_isgraph(buf[i])) {
			g_autofree gchar *hex =
			    fu_nec_odd_answer_to_hex(buf, FU_NEC_ODD_HARDWARE_ID_SIZE);
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_SUPPORTED,
				    "The drive reports hardware ID %s, not four printable "
				    "characters: it cannot be updated",
				    hex);
			return NULL;
		}
	}
	return g_strndup((const gchar *)buf, FU_NEC_ODD_HARDWARE_ID_SIZE);
}
