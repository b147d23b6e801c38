/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-family.h"
#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-struct.h"

/* the vendor of every drive NEC sold under its own name, space padded */
#define FU_NEC_ODD_FIRMWARE_VENDOR "_NEC"

/* where the builder puts the INQUIRY signature unless told otherwise */
#define FU_NEC_ODD_FIRMWARE_BUILD_SIGNATURE_OFFSET 0x20000

struct _FuNecOddFirmware {
	FuFirmware parent_instance;
	const FuNecOddModel *model;
	gchar *hardware_id;
	guint16 bootcode; /* two ASCII digits, or 0 when the image has none */
	gchar *vendor;
	gchar *product;
	guint16 checksum;
};

G_DEFINE_TYPE(FuNecOddFirmware, fu_nec_odd_firmware, FU_TYPE_FIRMWARE)

/**
 * fu_nec_odd_firmware_get_hardware_id:
 * @self: a #FuNecOddFirmware
 *
 * Gets the hardware ID the image is for, e.g. `K352`.
 *
 * Returns: a string, or %NULL if unset
 **/
const gchar *
fu_nec_odd_firmware_get_hardware_id(FuNecOddFirmware *self)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), NULL);
	return self->hardware_id;
}

/**
 * fu_nec_odd_firmware_get_bootcode:
 * @self: a #FuNecOddFirmware
 *
 * Gets the bootcode version the image requires, as two big-endian ASCII digits.
 *
 * Returns: e.g. 0x3031 for "01", or 0 if the image does not say
 **/
guint16
fu_nec_odd_firmware_get_bootcode(FuNecOddFirmware *self)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), 0);
	return self->bootcode;
}

/**
 * fu_nec_odd_firmware_get_vendor:
 * @self: a #FuNecOddFirmware
 *
 * Gets the INQUIRY vendor the image reports, without padding.
 *
 * Returns: e.g. `_NEC`, or %NULL if unset
 **/
const gchar *
fu_nec_odd_firmware_get_vendor(FuNecOddFirmware *self)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), NULL);
	return self->vendor;
}

/**
 * fu_nec_odd_firmware_get_product:
 * @self: a #FuNecOddFirmware
 *
 * Gets the INQUIRY product the image reports, without padding.
 *
 * Returns: e.g. `DVD_RW ND-3520A`, or %NULL if unset
 **/
const gchar *
fu_nec_odd_firmware_get_product(FuNecOddFirmware *self)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), NULL);
	return self->product;
}

/**
 * fu_nec_odd_firmware_get_checksum:
 * @self: a #FuNecOddFirmware
 *
 * Gets the checksum word stored in the body, which the drive is sent before programming.
 *
 * Returns: the checksum
 **/
guint16
fu_nec_odd_firmware_get_checksum(FuNecOddFirmware *self)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), 0);
	return self->checksum;
}

/**
 * fu_nec_odd_firmware_get_model:
 * @self: a #FuNecOddFirmware
 *
 * Gets the drive model the hardware ID of the image belongs to.
 *
 * Returns: a model from the family table, or %NULL if unset
 **/
const FuNecOddModel *
fu_nec_odd_firmware_get_model(FuNecOddFirmware *self)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), NULL);
	return self->model;
}

/**
 * fu_nec_odd_firmware_get_body:
 * @self: a #FuNecOddFirmware
 * @error: (nullable): optional return location for an error
 *
 * Gets the image body, written to the flash at the address of fu_firmware_get_addr().
 *
 * Returns: (transfer full): the body, or %NULL on error
 **/
GBytes *
fu_nec_odd_firmware_get_body(FuNecOddFirmware *self, GError **error)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), NULL);
	return fu_firmware_get_bytes(FU_FIRMWARE(self), error);
}

/* INQUIRY strings are printable ASCII padded with spaces */
static gchar *
fu_nec_odd_firmware_strndup_ascii(const guint8 *buf, gsize bufsz, const gchar *what, GError **error)
{
	g_autofree gchar *str = NULL;

	for (gsize i = 0; i < bufsz; i++) {
		if (!g_ascii_isprint(buf[i])) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_FILE,
				    "image %s has byte 0x%02x at position %u, "
				    "expected printable ASCII: the file is damaged",
				    what,
				    buf[i],
				    (guint)i);
			return NULL;
		}
	}
	str = g_strndup((const gchar *)buf, bufsz);
	g_strchomp(str);
	if (str[0] == '\0') {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image %s is empty",
			    what);
		return NULL;
	}
	return g_steal_pointer(&str);
}

/* the revision is the version fwupd shows, so no padding is allowed */
static gboolean
fu_nec_odd_firmware_check_revision(const gchar *revision, GError **error)
{
	if (strlen(revision) != FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE_REVISION) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image revision '%s' is not %u characters long",
			    revision,
			    (guint)FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE_REVISION);
		return FALSE;
	}
	for (guint i = 0; revision[i] != '\0'; i++) {
		if (!g_ascii_isgraph(revision[i])) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_FILE,
				    "image revision has byte 0x%02x at position %u, "
				    "expected printable ASCII without spaces",
				    (guint8)revision[i],
				    i);
			return FALSE;
		}
	}
	return TRUE;
}

/* two ASCII digits, e.g. 0x3031 for "01" */
static gboolean
fu_nec_odd_firmware_check_bootcode(guint16 bootcode, GError **error)
{
	if (!g_ascii_isdigit(bootcode >> 8) || !g_ascii_isdigit(bootcode & 0xFF)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image bootcode version is 0x%04x, expected two ASCII digits "
			    "such as 0x3031 for \"01\"",
			    bootcode);
		return FALSE;
	}
	return TRUE;
}

static const FuNecOddModel *
fu_nec_odd_firmware_lookup_model(const gchar *hardware_id, GError **error)
{
	const FuNecOddModel *model = fu_nec_odd_family_lookup_model(hardware_id);
	if (model == NULL || strlen(hardware_id) != FU_NEC_ODD_HARDWARE_ID_SIZE) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image is for hardware ID %s, which is not a known NEC drive",
			    hardware_id);
		return NULL;
	}
	return model;
}

static const FuNecOddFamily *
fu_nec_odd_firmware_lookup_family(GInputStream *stream,
				  gsize offset,
				  gboolean *has_bootcode,
				  GError **error)
{
	const FuNecOddFamily *family;
	gsize streamsz = 0;

	if (!fu_input_stream_size(stream, &streamsz, error))
		return NULL;
	if (streamsz < offset) {
		g_set_error_literal(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE, "image is empty");
		return NULL;
	}
	streamsz -= offset;
	family = fu_nec_odd_family_lookup_by_image_size(streamsz, has_bootcode);
	if (family == NULL) {
		g_autofree gchar *sizes = fu_nec_odd_family_get_image_sizes_str();
		const gchar *hint = "";
		if (streamsz < fu_nec_odd_family_get_image_size_min())
			hint = ": the file is truncated";
		else if (streamsz > fu_nec_odd_family_get_image_size_max())
			hint = ": the file is too large";
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image is %" G_GSIZE_FORMAT " bytes, expected %s%s",
			    streamsz,
			    sizes,
			    hint);
		return NULL;
	}
	return family;
}

/* the trailer follows the body: hardware ID, then the optional bootcode version */
static gchar *
fu_nec_odd_firmware_parse_hardware_id(GInputStream *stream,
				      gsize offset,
				      const FuNecOddFamily *family,
				      GError **error)
{
	g_autofree gchar *hardware_id = NULL;
	g_autoptr(FuStructNecOddImageTrailer) st = NULL;

	st =
	    fu_struct_nec_odd_image_trailer_parse_stream(stream, offset + family->body_size, error);
	if (st == NULL)
		return NULL;
	hardware_id = fu_struct_nec_odd_image_trailer_get_hardware_id(st);
	if (hardware_id == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_FILE,
				    "image has no hardware ID after the body: "
				    "it is not an NEC drive image");
		return NULL;
	}
	return g_steal_pointer(&hardware_id);
}

static gboolean
fu_nec_odd_firmware_validate(FuFirmware *firmware,
			     GInputStream *stream,
			     gsize offset,
			     GError **error)
{
	const FuNecOddFamily *family;
	const FuNecOddModel *model;
	gboolean has_bootcode = FALSE;
	g_autofree gchar *hardware_id = NULL;

	family = fu_nec_odd_firmware_lookup_family(stream, offset, &has_bootcode, error);
	if (family == NULL)
		return FALSE;
	hardware_id = fu_nec_odd_firmware_parse_hardware_id(stream, offset, family, error);
	if (hardware_id == NULL)
		return FALSE;
	model = fu_nec_odd_firmware_lookup_model(hardware_id, error);
	if (model == NULL)
		return FALSE;
	if (model->family != family) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image is for the %s, a %s-family drive, but has the size of a "
			    "%s-family image",
			    model->model,
			    model->family->name,
			    family->name);
		return FALSE;
	}
	return TRUE;
}

/* the signature must be there exactly once, or the drive's INQUIRY data is ambiguous */
static gboolean
fu_nec_odd_firmware_find_signature(const guint8 *buf, gsize bufsz, gsize *offset, GError **error)
{
	const guint8 *magic = (const guint8 *)FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_DEFAULT_MAGIC;
	gsize magicsz = FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE_MAGIC;
	gsize offset_next = 0;

	if (!fu_memmem_safe(buf, bufsz, magic, magicsz, offset, NULL)) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_FILE,
				    "image body has no INQUIRY signature: "
				    "it is not an NEC drive firmware");
		return FALSE;
	}
	if (fu_memmem_safe(buf + *offset + 1,
			   bufsz - (*offset + 1),
			   magic,
			   magicsz,
			   &offset_next,
			   NULL)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image body has the INQUIRY signature at 0x%x and again at 0x%x: "
			    "the file is damaged or not an NEC drive firmware",
			    (guint)*offset,
			    (guint)(*offset + 1 + offset_next));
		return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_firmware_parse_signature(FuNecOddFirmware *self,
				    GInputStream *stream,
				    gsize offset,
				    FuFirmwareParseFlags flags,
				    GError **error)
{
	g_autofree gchar *revision = NULL;
	g_autofree gchar *vendor = NULL;
	g_autofree gchar *product = NULL;
	g_autoptr(FuStructNecOddImageSignature) st = NULL;

	st = fu_struct_nec_odd_image_signature_parse_stream(stream, offset, error);
	if (st == NULL)
		return FALSE;

	revision = fu_nec_odd_firmware_strndup_ascii(
	    st->buf->data + FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_OFFSET_REVISION,
	    FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE_REVISION,
	    "revision",
	    error);
	if (revision == NULL)
		return FALSE;
	if (!fu_nec_odd_firmware_check_revision(revision, error))
		return FALSE;
	vendor = fu_nec_odd_firmware_strndup_ascii(
	    st->buf->data + FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_OFFSET_VENDOR,
	    FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE_VENDOR,
	    "vendor",
	    error);
	if (vendor == NULL)
		return FALSE;
	product = fu_nec_odd_firmware_strndup_ascii(
	    st->buf->data + FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_OFFSET_PRODUCT,
	    FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE_PRODUCT,
	    "product",
	    error);
	if (product == NULL)
		return FALSE;

	/* OEM rebrands report their own vendor, so only --force lets them through */
	if (g_strcmp0(vendor, FU_NEC_ODD_FIRMWARE_VENDOR) != 0 &&
	    (flags & FU_FIRMWARE_PARSE_FLAG_IGNORE_VID_PID) == 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image reports vendor %s, expected %s: "
			    "use --force to flash an OEM firmware",
			    vendor,
			    FU_NEC_ODD_FIRMWARE_VENDOR);
		return FALSE;
	}

	/* success */
	fu_firmware_set_version(FU_FIRMWARE(self), revision);
	self->vendor = g_steal_pointer(&vendor);
	self->product = g_steal_pointer(&product);
	return TRUE;
}

static gboolean
fu_nec_odd_firmware_parse_checksum(FuNecOddFirmware *self,
				   const FuNecOddFamily *family,
				   const guint8 *buf,
				   gsize bufsz,
				   FuFirmwareParseFlags flags,
				   GError **error)
{
	guint16 checksum_actual;

	if (!fu_memread_uint16_safe(buf,
				    bufsz,
				    family->checksum_offset,
				    &self->checksum,
				    G_BIG_ENDIAN,
				    error))
		return FALSE;
	if (flags & FU_FIRMWARE_PARSE_FLAG_IGNORE_CHECKSUM)
		return TRUE;
	checksum_actual = fu_sum16w(buf, family->checksum_offset, G_BIG_ENDIAN);
	if (checksum_actual != self->checksum) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image checksum is 0x%04x but the body sums to 0x%04x: "
			    "the file is damaged",
			    self->checksum,
			    checksum_actual);
		return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_firmware_parse(FuFirmware *firmware,
			  GInputStream *stream,
			  FuFirmwareParseFlags flags,
			  GError **error)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(firmware);
	const FuNecOddFamily *family;
	gboolean has_bootcode = FALSE;
	gsize offset_sig = 0;
	g_autoptr(GBytes) body = NULL;

	/* trailer, already checked by ->validate() */
	family = fu_nec_odd_firmware_lookup_family(stream, 0x0, &has_bootcode, error);
	if (family == NULL)
		return FALSE;
	self->hardware_id = fu_nec_odd_firmware_parse_hardware_id(stream, 0x0, family, error);
	if (self->hardware_id == NULL)
		return FALSE;
	self->model = fu_nec_odd_firmware_lookup_model(self->hardware_id, error);
	if (self->model == NULL)
		return FALSE;
	if (has_bootcode) {
		g_autoptr(FuStructNecOddImageBootcode) st = NULL;
		st = fu_struct_nec_odd_image_bootcode_parse_stream(stream,
								   family->body_size +
								       FU_NEC_ODD_HARDWARE_ID_SIZE,
								   error);
		if (st == NULL)
			return FALSE;
		self->bootcode = fu_struct_nec_odd_image_bootcode_get_version(st);
		if (!fu_nec_odd_firmware_check_bootcode(self->bootcode, error))
			return FALSE;
	}

	/* body */
	body = fu_input_stream_read_bytes(stream, 0x0, family->body_size, NULL, error);
	if (body == NULL)
		return FALSE;
	if (!fu_nec_odd_firmware_find_signature(g_bytes_get_data(body, NULL),
						g_bytes_get_size(body),
						&offset_sig,
						error))
		return FALSE;
	if (offset_sig + FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE > family->checksum_offset) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image body has the INQUIRY signature at 0x%x, too close to its end: "
			    "the file is damaged",
			    (guint)offset_sig);
		return FALSE;
	}
	if (!fu_nec_odd_firmware_parse_signature(self, stream, offset_sig, flags, error))
		return FALSE;
	if (!fu_nec_odd_firmware_parse_checksum(self,
						family,
						g_bytes_get_data(body, NULL),
						g_bytes_get_size(body),
						flags,
						error))
		return FALSE;

	/* success */
	fu_firmware_set_addr(firmware, family->body_addr);
	fu_firmware_set_bytes(firmware, body);
	return TRUE;
}

static GByteArray *
fu_nec_odd_firmware_write(FuFirmware *firmware, GError **error)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(firmware);
	g_autoptr(FuStructNecOddImageTrailer) st_trailer = fu_struct_nec_odd_image_trailer_new();
	g_autoptr(GByteArray) buf = NULL;
	g_autoptr(GBytes) body = NULL;

	/* body */
	if (self->model == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "no hardware ID set, e.g. K352");
		return NULL;
	}
	/* one allocation: appending 1 MiB then the trailer would reallocate to 2 MiB */
	buf = g_byte_array_sized_new(fu_nec_odd_family_get_image_size(self->model->family, TRUE));
	body = fu_firmware_get_bytes_with_patches(firmware, error);
	if (body == NULL)
		return NULL;
	if (g_bytes_get_size(body) != self->model->family->body_size) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "body is 0x%x bytes, expected 0x%x for the %s",
			    (guint)g_bytes_get_size(body),
			    (guint)self->model->family->body_size,
			    self->model->model);
		return NULL;
	}
	fu_byte_array_append_bytes(buf, body);

	/* trailer */
	if (!fu_struct_nec_odd_image_trailer_set_hardware_id(st_trailer, self->hardware_id, error))
		return NULL;
	g_byte_array_append(buf, st_trailer->buf->data, st_trailer->buf->len);
	if (self->bootcode != 0) {
		g_autoptr(FuStructNecOddImageBootcode) st_bootcode =
		    fu_struct_nec_odd_image_bootcode_new();
		fu_struct_nec_odd_image_bootcode_set_version(st_bootcode, self->bootcode);
		g_byte_array_append(buf, st_bootcode->buf->data, st_bootcode->buf->len);
	}

	/* success */
	return g_steal_pointer(&buf);
}

static void
fu_nec_odd_firmware_export(FuFirmware *firmware, FuFirmwareExportFlags flags, XbBuilderNode *bn)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(firmware);

	fu_xmlb_builder_insert_kv(bn, "hardware_id", self->hardware_id);
	if (self->bootcode != 0) {
		gchar bootcode[] = {(gchar)(self->bootcode >> 8),
				    (gchar)(self->bootcode & 0xFF),
				    '\0'};
		fu_xmlb_builder_insert_kv(bn, "bootcode", bootcode);
	}
	fu_xmlb_builder_insert_kv(bn, "vendor", self->vendor);
	fu_xmlb_builder_insert_kv(bn, "product", self->product);
	fu_xmlb_builder_insert_kx(bn, "checksum", self->checksum);
	if (self->model != NULL) {
		fu_xmlb_builder_insert_kv(bn, "model", self->model->model);
		fu_xmlb_builder_insert_kv(bn, "family", self->model->family->name);
	}
}

/* the INQUIRY block as the drive answers it, strings padded with spaces */
static FuStructNecOddImageSignature *
fu_nec_odd_firmware_build_signature(FuNecOddFirmware *self, GError **error)
{
	g_autofree gchar *vendor = g_strdup_printf("%-8s", self->vendor);
	g_autofree gchar *product = g_strdup_printf("%-16s", self->product);
	g_autoptr(FuStructNecOddImageSignature) st = fu_struct_nec_odd_image_signature_new();

	if (!fu_struct_nec_odd_image_signature_set_vendor(st, vendor, error))
		return NULL;
	if (!fu_struct_nec_odd_image_signature_set_product(st, product, error))
		return NULL;
	if (!fu_struct_nec_odd_image_signature_set_revision(
		st,
		fu_firmware_get_version(FU_FIRMWARE(self)),
		error))
		return NULL;
	return g_steal_pointer(&st);
}

/*
 * A body of the family's full size: the optional <data> first, then the <fill> byte
 * (default 0xFF), the INQUIRY signature at <signature_offset> (default 0x20000), and
 * the checksum word last.
 */
static GBytes *
fu_nec_odd_firmware_build_body(FuNecOddFirmware *self, XbNode *n, GError **error)
{
	const FuNecOddFamily *family = self->model->family;
	guint64 fill = xb_node_query_text_as_uint(n, "fill", NULL);
	guint64 offset_sig = xb_node_query_text_as_uint(n, "signature_offset", NULL);
	guint16 checksum;
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(GBytes) data = NULL;
	g_autoptr(FuStructNecOddImageSignature) st = NULL;

	/* start of the body */
	data = fu_firmware_get_bytes(FU_FIRMWARE(self), NULL);
	if (data != NULL) {
		if (g_bytes_get_size(data) > family->checksum_offset) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "data is 0x%x bytes, the body has room for 0x%x",
				    (guint)g_bytes_get_size(data),
				    (guint)family->checksum_offset);
			return NULL;
		}
		fu_byte_array_append_bytes(buf, data);
	}
	if (fill == G_MAXUINT64)
		fill = 0xFF;
	if (fill > G_MAXUINT8) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "fill 0x%x is not a byte",
			    (guint)fill);
		return NULL;
	}
	fu_byte_array_set_size(buf, family->body_size, (guint8)fill);

	/* signature */
	if (offset_sig == G_MAXUINT64)
		offset_sig = FU_NEC_ODD_FIRMWARE_BUILD_SIGNATURE_OFFSET;
	st = fu_nec_odd_firmware_build_signature(self, error);
	if (st == NULL)
		return NULL;
	if (offset_sig + st->buf->len > family->checksum_offset) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "signature_offset 0x%x leaves no room for the signature",
			    (guint)offset_sig);
		return NULL;
	}
	if (!fu_memcpy_safe(buf->data,
			    buf->len,
			    offset_sig,
			    st->buf->data,
			    st->buf->len,
			    0x0,
			    st->buf->len,
			    error))
		return NULL;

	/* checksum */
	checksum = fu_sum16w(buf->data, family->checksum_offset, G_BIG_ENDIAN);
	if (!fu_memwrite_uint16_safe(buf->data,
				     buf->len,
				     family->checksum_offset,
				     checksum,
				     G_BIG_ENDIAN,
				     error))
		return NULL;
	self->checksum = checksum;
	return g_bytes_new(buf->data, buf->len);
}

static gboolean
fu_nec_odd_firmware_build(FuFirmware *firmware, XbNode *n, GError **error)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(firmware);
	const gchar *tmp;
	g_autoptr(GBytes) body = NULL;

	/* an image for no drive, as an empty one exports: there is nothing to lay out
	 * and write() refuses it */
	tmp = xb_node_query_text(n, "hardware_id", NULL);
	if (tmp == NULL)
		return TRUE;

	/* trailer */
	self->model = fu_nec_odd_firmware_lookup_model(tmp, error);
	if (self->model == NULL)
		return FALSE;
	g_free(self->hardware_id);
	self->hardware_id = g_strdup(tmp);
	tmp = xb_node_query_text(n, "bootcode", NULL);
	if (tmp != NULL) {
		if (strlen(tmp) != 2) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "bootcode '%s' is not two digits, e.g. 01",
				    tmp);
			return FALSE;
		}
		self->bootcode = fu_memread_uint16((const guint8 *)tmp, G_BIG_ENDIAN);
		if (!fu_nec_odd_firmware_check_bootcode(self->bootcode, error))
			return FALSE;
	}

	/* INQUIRY */
	tmp = xb_node_query_text(n, "vendor", NULL);
	g_free(self->vendor);
	self->vendor = g_strdup(tmp != NULL ? tmp : FU_NEC_ODD_FIRMWARE_VENDOR);
	tmp = xb_node_query_text(n, "product", NULL);
	g_free(self->product);
	self->product = g_strdup(tmp != NULL ? tmp : self->model->product);
	if (fu_firmware_get_version(firmware) == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "version is required, e.g. 3.04");
		return FALSE;
	}
	if (!fu_nec_odd_firmware_check_revision(fu_firmware_get_version(firmware), error))
		return FALSE;

	/* body */
	body = fu_nec_odd_firmware_build_body(self, n, error);
	if (body == NULL)
		return FALSE;
	fu_firmware_set_addr(firmware, self->model->family->body_addr);
	fu_firmware_set_bytes(firmware, body);
	return TRUE;
}

static void
fu_nec_odd_firmware_init(FuNecOddFirmware *self)
{
	fu_firmware_add_flag(FU_FIRMWARE(self), FU_FIRMWARE_FLAG_HAS_CHECKSUM);
	fu_firmware_add_flag(FU_FIRMWARE(self), FU_FIRMWARE_FLAG_HAS_VID_PID);
	fu_firmware_set_version_format(FU_FIRMWARE(self), FWUPD_VERSION_FORMAT_PLAIN);
}

static void
fu_nec_odd_firmware_finalize(GObject *object)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(object);
	g_free(self->hardware_id);
	g_free(self->vendor);
	g_free(self->product);
	G_OBJECT_CLASS(fu_nec_odd_firmware_parent_class)->finalize(object);
}

static void
fu_nec_odd_firmware_class_init(FuNecOddFirmwareClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	FuFirmwareClass *firmware_class = FU_FIRMWARE_CLASS(klass);
	object_class->finalize = fu_nec_odd_firmware_finalize;
	firmware_class->validate = fu_nec_odd_firmware_validate;
	firmware_class->parse = fu_nec_odd_firmware_parse;
	firmware_class->write = fu_nec_odd_firmware_write;
	firmware_class->export = fu_nec_odd_firmware_export;
	firmware_class->build = fu_nec_odd_firmware_build;
}

/**
 * fu_nec_odd_firmware_new:
 *
 * Creates a parser for NEC optical drive images.
 *
 * Returns: (transfer full): a #FuFirmware
 **/
FuFirmware *
fu_nec_odd_firmware_new(void)
{
	return FU_FIRMWARE(g_object_new(FU_TYPE_NEC_ODD_FIRMWARE, NULL));
}
