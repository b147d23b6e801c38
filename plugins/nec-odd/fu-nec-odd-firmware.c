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

/* where the builder puts the INQUIRY signature in the first area unless told otherwise */
#define FU_NEC_ODD_FIRMWARE_BUILD_SIGNATURE_OFFSET 0x20000

/*
 * An NEC .BIN image: the family's areas at their file offsets, the trailer
 * hardware ID (640K: and a copy between the two banks), 2M: the checksum word
 * after the body, then optionally the 2-byte bootcode version. The firmware's
 * bytes are the image without the bootcode version.
 */
struct _FuNecOddFirmware {
	FuFirmware parent_instance;
	const FuNecOddFamily *family;
	gchar *hardware_id;
	guint16 bootcode; /* two ASCII digits, or 0 when the image has none */
	gchar *vendor;
	gchar *product;
};

G_DEFINE_TYPE(FuNecOddFirmware, fu_nec_odd_firmware, FU_TYPE_FIRMWARE)

/**
 * fu_nec_odd_firmware_get_family:
 * @self: a #FuNecOddFirmware
 *
 * Gets the flash family the image is laid out for, from its size and checksums.
 *
 * Returns: a family, or %NULL if unset
 **/
const FuNecOddFamily *
fu_nec_odd_firmware_get_family(FuNecOddFirmware *self)
{
	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), NULL);
	return self->family;
}

/**
 * fu_nec_odd_firmware_get_hardware_id:
 * @self: a #FuNecOddFirmware
 *
 * Gets the hardware ID of the image trailer, e.g. `K352`.
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

static gboolean
fu_nec_odd_firmware_check_area(FuNecOddFirmware *self, const FuNecOddArea *area, GError **error)
{
	if (self->family == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_NOT_FOUND,
				    "image has no flash family");
		return FALSE;
	}
	for (guint i = 0; i < self->family->n_areas; i++) {
		if (&self->family->areas[i] == area)
			return TRUE;
	}
	g_set_error(error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_INVALID_DATA,
		    "area at 0x%x is not one of the %s family",
		    (guint)area->flash_addr,
		    self->family->name);
	return FALSE;
}

/**
 * fu_nec_odd_firmware_get_area_data:
 * @self: a #FuNecOddFirmware
 * @area: an area of the image's family
 * @error: (nullable): optional return location for an error
 *
 * Gets the part of the image written to the flash of @area.
 *
 * Returns: (transfer full): the area's bytes, or %NULL on error
 **/
GBytes *
fu_nec_odd_firmware_get_area_data(FuNecOddFirmware *self, const FuNecOddArea *area, GError **error)
{
	g_autoptr(GBytes) blob = NULL;

	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), NULL);
	if (!fu_nec_odd_firmware_check_area(self, area, error))
		return NULL;
	blob = fu_firmware_get_bytes(FU_FIRMWARE(self), error);
	if (blob == NULL)
		return NULL;
	return fu_bytes_new_offset(blob, area->file_offset, area->size, error);
}

/**
 * fu_nec_odd_firmware_get_checksum:
 * @self: a #FuNecOddFirmware
 * @checksum: a checksum of an area of the image's family
 * @value: (out): the word SendChecksum sends
 * @error: (nullable): optional return location for an error
 *
 * Gets a checksum word of the image.
 *
 * Returns: %TRUE on success
 **/
gboolean
fu_nec_odd_firmware_get_checksum(FuNecOddFirmware *self,
				 const FuNecOddChecksum *checksum,
				 guint16 *value,
				 GError **error)
{
	g_autoptr(GBytes) blob = NULL;

	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), FALSE);
	blob = fu_firmware_get_bytes(FU_FIRMWARE(self), error);
	if (blob == NULL)
		return FALSE;
	return fu_memread_uint16_safe(g_bytes_get_data(blob, NULL),
				      g_bytes_get_size(blob),
				      checksum->word_offset,
				      value,
				      G_BIG_ENDIAN,
				      error);
}

/**
 * fu_nec_odd_firmware_get_byte:
 * @self: a #FuNecOddFirmware
 * @offset: an image offset, e.g. the slim drives' connection byte
 * @value: (out): the byte
 * @error: (nullable): optional return location for an error
 *
 * Gets one byte of the image.
 *
 * Returns: %TRUE on success
 **/
gboolean
fu_nec_odd_firmware_get_byte(FuNecOddFirmware *self, gsize offset, guint8 *value, GError **error)
{
	g_autoptr(GBytes) blob = NULL;

	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), FALSE);
	blob = fu_firmware_get_bytes(FU_FIRMWARE(self), error);
	if (blob == NULL)
		return FALSE;
	return fu_memread_uint8_safe(g_bytes_get_data(blob, NULL),
				     g_bytes_get_size(blob),
				     offset,
				     value,
				     error);
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

/* a hardware ID is 4 printable characters, e.g. K352; @offset is where the image has it */
static gboolean
fu_nec_odd_firmware_check_hardware_id(const guint8 *id, gsize offset, GError **error)
{
	for (guint i = 0; i < FU_NEC_ODD_HARDWARE_ID_SIZE; i++) {
		if (!g_ascii_isgraph(id[i])) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_FILE,
				    "image hardware ID at 0x%x has byte 0x%02x at position %u, "
				    "expected 4 printable characters such as K352: "
				    "it is not an NEC drive image",
				    (guint)offset,
				    id[i],
				    i);
			return FALSE;
		}
	}
	return TRUE;
}

/* the families whose image (without bootcode version) has this size, 1M before 1M-K2 */
static GPtrArray *
fu_nec_odd_firmware_lookup_families(gsize streamsz, gboolean *has_bootcode, GError **error)
{
	guint n_families = 0;
	const FuNecOddFamily *const *families = fu_nec_odd_family_get_all(&n_families);
	g_autoptr(GPtrArray) array = g_ptr_array_new();

	for (guint i = 0; i < n_families; i++) {
		if (streamsz == fu_nec_odd_family_get_image_size(families[i], FALSE)) {
			*has_bootcode = FALSE;
			g_ptr_array_add(array, (gpointer)families[i]);
		} else if (streamsz == fu_nec_odd_family_get_image_size(families[i], TRUE)) {
			*has_bootcode = TRUE;
			g_ptr_array_add(array, (gpointer)families[i]);
		}
	}
	if (array->len == 0) {
		g_autofree gchar *sizes = fu_nec_odd_family_get_image_sizes_str();
		const gchar *hint = "the file is truncated or too large";
		if (streamsz < fu_nec_odd_family_get_image_size_min())
			hint = "the file is truncated";
		else if (streamsz > fu_nec_odd_family_get_image_size_max())
			hint = "the file is too large";
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_FILE,
			    "image is %" G_GSIZE_FORMAT " bytes, expected %s: %s",
			    streamsz,
			    sizes,
			    hint);
		return NULL;
	}
	return g_steal_pointer(&array);
}

/* the stored word is the 16-bit sum of the big-endian words from sum_offset up to it */
static guint16
fu_nec_odd_firmware_checksum_compute(const guint8 *buf, const FuNecOddChecksum *checksum)
{
	return fu_sum16w(buf + checksum->sum_offset,
			 checksum->word_offset - checksum->sum_offset,
			 G_BIG_ENDIAN);
}

/* appends one "word at 0x.. is 0x.. but ... sum to 0x.." for every failing checksum */
static gboolean
fu_nec_odd_firmware_checksums_hold(const FuNecOddFamily *family, const guint8 *buf, GString *str)
{
	gboolean ok = TRUE;
	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		for (guint j = 0; j < area->n_checksums; j++) {
			const FuNecOddChecksum *checksum = &area->checksums[j];
			guint16 stored =
			    fu_memread_uint16(buf + checksum->word_offset, G_BIG_ENDIAN);
			guint16 actual = fu_nec_odd_firmware_checksum_compute(buf, checksum);
			if (stored == actual)
				continue;
			ok = FALSE;
			if (str == NULL)
				continue;
			if (str->len > 0)
				g_string_append(str, "; ");
			g_string_append_printf(str,
					       "%s: the word at 0x%x is 0x%04x but the words "
					       "from 0x%x sum to 0x%04x",
					       family->name,
					       (guint)checksum->word_offset,
					       stored,
					       (guint)checksum->sum_offset,
					       actual);
		}
	}
	return ok;
}

/* 1M and 1M-K2 images have the same size: the checksum rule that holds names the row,
 * 1M first; both hold only when the K2 part-1 word is 0x0000 or 0x8000 (the 1M sum is
 * then twice that word plus the part-2 word), and such a K2 image is taken for 1M */
static const FuNecOddFamily *
fu_nec_odd_firmware_select_family(GPtrArray *families,
				  const guint8 *buf,
				  FuFirmwareParseFlags flags,
				  GError **error)
{
	g_autoptr(GString) str = g_string_new(NULL);

	for (guint i = 0; i < families->len; i++) {
		const FuNecOddFamily *family = g_ptr_array_index(families, i);
		if (fu_nec_odd_firmware_checksums_hold(family, buf, NULL))
			return family;
	}
	if (flags & FU_FIRMWARE_PARSE_FLAG_IGNORE_CHECKSUM)
		return g_ptr_array_index(families, 0);
	for (guint i = 0; i < families->len; i++)
		fu_nec_odd_firmware_checksums_hold(g_ptr_array_index(families, i), buf, str);
	g_set_error(error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_INVALID_FILE,
		    "image has a bad checksum (%s): the file is damaged",
		    str->str);
	return NULL;
}

/* the ID trailer; 640K images have a second copy between the banks, which
 * Binflash never reads, so it only has to look like an ID */
static gboolean
fu_nec_odd_firmware_parse_trailer(FuNecOddFirmware *self,
				  const FuNecOddFamily *family,
				  GInputStream *stream,
				  gboolean has_bootcode,
				  const guint8 *buf,
				  GError **error)
{
	if (!fu_nec_odd_firmware_check_hardware_id(buf + family->id_offset,
						   family->id_offset,
						   error))
		return FALSE;
	if (family->id_copy_offset != 0 &&
	    !fu_nec_odd_firmware_check_hardware_id(buf + family->id_copy_offset,
						   family->id_copy_offset,
						   error))
		return FALSE;
	g_free(self->hardware_id);
	self->hardware_id =
	    g_strndup((const gchar *)buf + family->id_offset, FU_NEC_ODD_HARDWARE_ID_SIZE);
	if (has_bootcode) {
		g_autoptr(FuStructNecOddImageBootcode) st = NULL;
		st = fu_struct_nec_odd_image_bootcode_parse_stream(stream,
								   family->image_size,
								   error);
		if (st == NULL)
			return FALSE;
		self->bootcode = fu_struct_nec_odd_image_bootcode_get_version(st);
		if (!fu_nec_odd_firmware_check_bootcode(self->bootcode, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
fu_nec_odd_firmware_validate(FuFirmware *firmware,
			     GInputStream *stream,
			     gsize offset,
			     GError **error)
{
	gboolean has_bootcode = FALSE;
	gsize streamsz = 0;
	g_autoptr(GPtrArray) families = NULL;
	g_autoptr(FuStructNecOddImageTrailer) st = NULL;
	const FuNecOddFamily *family;

	if (!fu_input_stream_size(stream, &streamsz, error))
		return FALSE;
	if (streamsz < offset) {
		g_set_error_literal(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE, "image is empty");
		return FALSE;
	}
	families = fu_nec_odd_firmware_lookup_families(streamsz - offset, &has_bootcode, error);
	if (families == NULL)
		return FALSE;
	family = g_ptr_array_index(families, 0);
	st =
	    fu_struct_nec_odd_image_trailer_parse_stream(stream, offset + family->id_offset, error);
	if (st == NULL)
		return FALSE;
	return fu_nec_odd_firmware_check_hardware_id(st->buf->data, family->id_offset, error);
}

/* the signature must be in an area exactly once, or the drive's INQUIRY data is
 * ambiguous, and clear of the checksum words */
static gboolean
fu_nec_odd_firmware_find_signature(const FuNecOddFamily *family,
				   const guint8 *buf,
				   gsize *offset,
				   GError **error)
{
	const guint8 *magic = (const guint8 *)FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_DEFAULT_MAGIC;
	gsize magicsz = FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE_MAGIC;
	guint found = 0;

	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		gsize pos = 0;
		while (pos < area->size) {
			gsize hit = 0;
			if (!fu_memmem_safe(buf + area->file_offset + pos,
					    area->size - pos,
					    magic,
					    magicsz,
					    &hit,
					    NULL))
				break;
			if (found++ > 0) {
				g_set_error(error,
					    FWUPD_ERROR,
					    FWUPD_ERROR_INVALID_FILE,
					    "image has the INQUIRY signature at 0x%x and again "
					    "at 0x%x: the file is damaged or not an NEC drive "
					    "firmware",
					    (guint)*offset,
					    (guint)(area->file_offset + pos + hit));
				return FALSE;
			}
			*offset = area->file_offset + pos + hit;
			if (pos + hit + FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE > area->size) {
				g_set_error(error,
					    FWUPD_ERROR,
					    FWUPD_ERROR_INVALID_FILE,
					    "image has the INQUIRY signature at 0x%x, too close to "
					    "the end of its part: the file is damaged",
					    (guint)*offset);
				return FALSE;
			}
			for (guint j = 0; j < area->n_checksums; j++) {
				gsize word = area->checksums[j].word_offset;
				if (word + 2 > *offset &&
				    word < *offset + FU_STRUCT_NEC_ODD_IMAGE_SIGNATURE_SIZE) {
					g_set_error(
					    error,
					    FWUPD_ERROR,
					    FWUPD_ERROR_INVALID_FILE,
					    "image has the INQUIRY signature at 0x%x, over "
					    "the checksum word at 0x%x: the file is damaged",
					    (guint)*offset,
					    (guint)word);
					return FALSE;
				}
			}
			pos += hit + 1;
		}
	}
	if (found == 0) {
		g_set_error_literal(
		    error,
		    FWUPD_ERROR,
		    FWUPD_ERROR_INVALID_FILE,
		    "image has no INQUIRY signature: it is not an NEC drive firmware");
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
	g_free(self->vendor);
	self->vendor = g_steal_pointer(&vendor);
	g_free(self->product);
	self->product = g_steal_pointer(&product);
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
	const guint8 *buf;
	gboolean has_bootcode = FALSE;
	gsize offset_sig = 0;
	gsize streamsz = 0;
	g_autoptr(GBytes) blob = NULL;
	g_autoptr(GPtrArray) families = NULL;

	/* the size names the family, or two with the same layout */
	if (!fu_input_stream_size(stream, &streamsz, error))
		return FALSE;
	families = fu_nec_odd_firmware_lookup_families(streamsz, &has_bootcode, error);
	if (families == NULL)
		return FALSE;
	family = g_ptr_array_index(families, 0);
	blob = fu_input_stream_read_bytes(stream, 0x0, family->image_size, NULL, error);
	if (blob == NULL)
		return FALSE;
	buf = g_bytes_get_data(blob, NULL);

	/* trailer */
	if (!fu_nec_odd_firmware_parse_trailer(self, family, stream, has_bootcode, buf, error))
		return FALSE;

	/* checksums */
	family = fu_nec_odd_firmware_select_family(families, buf, flags, error);
	if (family == NULL)
		return FALSE;

	/* INQUIRY */
	if (!fu_nec_odd_firmware_find_signature(family, buf, &offset_sig, error))
		return FALSE;
	if (!fu_nec_odd_firmware_parse_signature(self, stream, offset_sig, flags, error))
		return FALSE;

	/* success */
	self->family = family;
	fu_firmware_set_addr(firmware, family->areas[0].flash_addr);
	fu_firmware_set_bytes(firmware, blob);
	return TRUE;
}

/* the .BIN image: what parse() reads, into @buf of the image's size */
static gboolean
fu_nec_odd_firmware_write_into(FuNecOddFirmware *self, guint8 *buf, gsize bufsz, GError **error)
{
	g_autoptr(FuStructNecOddImageTrailer) st_trailer = fu_struct_nec_odd_image_trailer_new();
	g_autoptr(GBytes) blob = NULL;

	blob = fu_firmware_get_bytes_with_patches(FU_FIRMWARE(self), error);
	if (blob == NULL)
		return FALSE;
	if (g_bytes_get_size(blob) != self->family->image_size) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "image is 0x%x bytes, expected 0x%x for the %s family",
			    (guint)g_bytes_get_size(blob),
			    (guint)self->family->image_size,
			    self->family->name);
		return FALSE;
	}
	if (!fu_memcpy_safe(buf,
			    bufsz,
			    0x0,
			    g_bytes_get_data(blob, NULL),
			    g_bytes_get_size(blob),
			    0x0,
			    g_bytes_get_size(blob),
			    error))
		return FALSE;

	/* trailer */
	if (!fu_struct_nec_odd_image_trailer_set_hardware_id(st_trailer, self->hardware_id, error))
		return FALSE;
	if (!fu_memcpy_safe(buf,
			    bufsz,
			    self->family->id_offset,
			    st_trailer->buf->data,
			    st_trailer->buf->len,
			    0x0,
			    st_trailer->buf->len,
			    error))
		return FALSE;
	if (self->bootcode != 0) {
		g_autoptr(FuStructNecOddImageBootcode) st_bootcode =
		    fu_struct_nec_odd_image_bootcode_new();
		fu_struct_nec_odd_image_bootcode_set_version(st_bootcode, self->bootcode);
		if (!fu_memcpy_safe(buf,
				    bufsz,
				    self->family->image_size,
				    st_bootcode->buf->data,
				    st_bootcode->buf->len,
				    0x0,
				    st_bootcode->buf->len,
				    error))
			return FALSE;
	}
	return TRUE;
}

static gsize
fu_nec_odd_firmware_get_write_size(FuNecOddFirmware *self, GError **error)
{
	if (self->family == NULL || self->hardware_id == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "no family and hardware ID set, e.g. 1M and K352");
		return 0;
	}
	return fu_nec_odd_family_get_image_size(self->family, self->bootcode != 0);
}

static GByteArray *
fu_nec_odd_firmware_write(FuFirmware *firmware, GError **error)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(firmware);
	gsize bufsz = fu_nec_odd_firmware_get_write_size(self, error);
	g_autoptr(GByteArray) buf = g_byte_array_new();

	if (bufsz == 0)
		return NULL;
	fu_byte_array_set_size(buf, bufsz, 0x00);
	if (!fu_nec_odd_firmware_write_into(self, buf->data, buf->len, error))
		return NULL;
	return g_steal_pointer(&buf);
}

/**
 * fu_nec_odd_firmware_has_layout:
 * @self: a #FuNecOddFirmware
 * @family: a flash family
 *
 * Checks the image could be for @family. 1M and 1M-K2 images have the same size and
 * the parser names the first family whose checksum rules hold; a K2 image whose
 * first-part word is 0x0000 or 0x8000 passes the 1M rule too.
 *
 * Returns: %TRUE if the image has the layout of @family and all its checksums hold
 **/
gboolean
fu_nec_odd_firmware_has_layout(FuNecOddFirmware *self, const FuNecOddFamily *family)
{
	g_autoptr(GBytes) blob = NULL;

	g_return_val_if_fail(FU_IS_NEC_ODD_FIRMWARE(self), FALSE);
	g_return_val_if_fail(family != NULL, FALSE);
	if (self->family == family)
		return TRUE;
	if (self->family == NULL || self->family->image_size != family->image_size ||
	    self->family->id_offset != family->id_offset)
		return FALSE;
	blob = fu_firmware_get_bytes(FU_FIRMWARE(self), NULL);
	if (blob == NULL || g_bytes_get_size(blob) != family->image_size)
		return FALSE;
	return fu_nec_odd_firmware_checksums_hold(family, g_bytes_get_data(blob, NULL), NULL);
}

static void
fu_nec_odd_firmware_export(FuFirmware *firmware, FuFirmwareExportFlags flags, XbBuilderNode *bn)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(firmware);

	if (self->family != NULL)
		fu_xmlb_builder_insert_kv(bn, "family", self->family->name);
	fu_xmlb_builder_insert_kv(bn, "hardware_id", self->hardware_id);
	if (self->bootcode != 0) {
		gchar bootcode[] = {(gchar)(self->bootcode >> 8),
				    (gchar)(self->bootcode & 0xFF),
				    '\0'};
		fu_xmlb_builder_insert_kv(bn, "bootcode", bootcode);
	}
	fu_xmlb_builder_insert_kv(bn, "vendor", self->vendor);
	fu_xmlb_builder_insert_kv(bn, "product", self->product);
}

/* writes the hardware ID into the trailer, and into the 640K copy */
static gboolean
fu_nec_odd_firmware_write_hardware_id(const FuNecOddFamily *family,
				      guint8 *buf,
				      gsize bufsz,
				      const gchar *hardware_id,
				      GError **error)
{
	gsize offsets[] = {family->id_offset, family->id_copy_offset};

	if (strlen(hardware_id) != FU_NEC_ODD_HARDWARE_ID_SIZE) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "hardware ID '%s' is not 4 characters, e.g. K352",
			    hardware_id);
		return FALSE;
	}
	for (guint i = 0; i < G_N_ELEMENTS(offsets); i++) {
		if (i > 0 && offsets[i] == 0)
			continue;
		if (!fu_memcpy_safe(buf,
				    bufsz,
				    offsets[i],
				    (const guint8 *)hardware_id,
				    FU_NEC_ODD_HARDWARE_ID_SIZE,
				    0x0,
				    FU_NEC_ODD_HARDWARE_ID_SIZE,
				    error))
			return FALSE;
		if (!fu_nec_odd_firmware_check_hardware_id(buf + offsets[i], offsets[i], error))
			return FALSE;
	}
	return TRUE;
}

/* every checksum word of every area, in the order the family sends them */
static gboolean
fu_nec_odd_firmware_write_checksums(const FuNecOddFamily *family, GByteArray *buf, GError **error)
{
	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		for (guint j = 0; j < area->n_checksums; j++) {
			const FuNecOddChecksum *checksum = &area->checksums[j];
			guint16 value = fu_nec_odd_firmware_checksum_compute(buf->data, checksum);
			if (!fu_memwrite_uint16_safe(buf->data,
						     buf->len,
						     checksum->word_offset,
						     value,
						     G_BIG_ENDIAN,
						     error))
				return FALSE;
		}
	}
	return TRUE;
}

/**
 * fu_nec_odd_firmware_finish_image:
 * @family: a family
 * @buf: an image of @family with the flash contents of each area at its file offset
 * @bufsz: size of @buf: fu_nec_odd_family_get_image_size(), with the bootcode
 *   version when @bootcode is set
 * @hardware_id: the trailer ID, e.g. the drive type's canonical key
 * @bootcode: two ASCII digits, or 0 for none
 * @error: (nullable): optional return location for an error
 *
 * Completes in place what was read from a drive as an image of its family, e.g.
 * for a dump: the trailer IDs, the checksum words after a body (2M; the others are
 * what the flash holds) and the bootcode version.
 *
 * Returns: %TRUE for success
 **/
gboolean
fu_nec_odd_firmware_finish_image(const FuNecOddFamily *family,
				 guint8 *buf,
				 gsize bufsz,
				 const gchar *hardware_id,
				 guint16 bootcode,
				 GError **error)
{
	g_return_val_if_fail(family != NULL, FALSE);
	g_return_val_if_fail(buf != NULL, FALSE);
	g_return_val_if_fail(hardware_id != NULL, FALSE);

	if (bufsz != fu_nec_odd_family_get_image_size(family, bootcode != 0)) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "image buffer is 0x%x bytes, expected 0x%x for the %s family",
			    (guint)bufsz,
			    (guint)fu_nec_odd_family_get_image_size(family, bootcode != 0),
			    family->name);
		return FALSE;
	}
	if (!fu_nec_odd_firmware_write_hardware_id(family, buf, bufsz, hardware_id, error))
		return FALSE;
	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		for (guint j = 0; j < area->n_checksums; j++) {
			const FuNecOddChecksum *checksum = &area->checksums[j];
			if (checksum->word_offset < area->file_offset + area->size)
				continue;
			if (!fu_memwrite_uint16_safe(
				buf,
				bufsz,
				checksum->word_offset,
				fu_nec_odd_firmware_checksum_compute(buf, checksum),
				G_BIG_ENDIAN,
				error))
				return FALSE;
		}
	}
	if (bootcode != 0) {
		if (!fu_nec_odd_firmware_check_bootcode(bootcode, error))
			return FALSE;
		if (!fu_memwrite_uint16_safe(buf,
					     bufsz,
					     family->image_size,
					     bootcode,
					     G_BIG_ENDIAN,
					     error))
			return FALSE;
	}
	return TRUE;
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
 * An image of the family's full size: every byte <fill> (default 0xFF), the
 * optional <data> at the start of the first area, the INQUIRY signature at
 * <signature_offset> of the first area (default 0x20000), the hardware ID, and
 * every checksum word of the family's rule.
 */
static GBytes *
fu_nec_odd_firmware_build_image(FuNecOddFirmware *self, XbNode *n, GError **error)
{
	const FuNecOddFamily *family = self->family;
	const FuNecOddArea *area = &family->areas[0];
	guint64 fill = xb_node_query_text_as_uint(n, "fill", NULL);
	guint64 offset_sig = xb_node_query_text_as_uint(n, "signature_offset", NULL);
	gsize room = area->size;
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(GBytes) data = NULL;
	g_autoptr(FuStructNecOddImageSignature) st = NULL;

	/* the first area ends before its first checksum word, if it has one inside */
	for (guint j = 0; j < area->n_checksums; j++) {
		gsize word = area->checksums[j].word_offset;
		if (word >= area->file_offset && word < area->file_offset + room)
			room = word - area->file_offset;
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
	fu_byte_array_set_size(buf, family->image_size, (guint8)fill);

	/* start of the first area */
	data = fu_firmware_get_bytes(FU_FIRMWARE(self), NULL);
	if (data != NULL) {
		if (g_bytes_get_size(data) > room) {
			g_set_error(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "data is 0x%x bytes, the first area has room for 0x%x",
				    (guint)g_bytes_get_size(data),
				    (guint)room);
			return NULL;
		}
		if (!fu_memcpy_safe(buf->data,
				    buf->len,
				    area->file_offset,
				    g_bytes_get_data(data, NULL),
				    g_bytes_get_size(data),
				    0x0,
				    g_bytes_get_size(data),
				    error))
			return NULL;
	}

	/* signature */
	if (offset_sig == G_MAXUINT64)
		offset_sig = FU_NEC_ODD_FIRMWARE_BUILD_SIGNATURE_OFFSET;
	st = fu_nec_odd_firmware_build_signature(self, error);
	if (st == NULL)
		return NULL;
	if (offset_sig > room || room - offset_sig < st->buf->len) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "signature_offset 0x%x leaves no room for the signature",
			    (guint)offset_sig);
		return NULL;
	}
	if (!fu_memcpy_safe(buf->data,
			    buf->len,
			    area->file_offset + offset_sig,
			    st->buf->data,
			    st->buf->len,
			    0x0,
			    st->buf->len,
			    error))
		return NULL;

	/* trailer and checksums */
	if (!fu_nec_odd_firmware_write_hardware_id(family,
						   buf->data,
						   buf->len,
						   self->hardware_id,
						   error))
		return NULL;
	if (!fu_nec_odd_firmware_write_checksums(family, buf, error))
		return NULL;
	return g_bytes_new(buf->data, buf->len);
}

static gboolean
fu_nec_odd_firmware_build(FuFirmware *firmware, XbNode *n, GError **error)
{
	FuNecOddFirmware *self = FU_NEC_ODD_FIRMWARE(firmware);
	const gchar *tmp;
	g_autoptr(GBytes) blob = NULL;

	/* an image for no drive, as an empty one exports: there is nothing to lay out
	 * and write() refuses it */
	tmp = xb_node_query_text(n, "hardware_id", NULL);
	if (tmp == NULL)
		return TRUE;
	g_free(self->hardware_id);
	self->hardware_id = g_strdup(tmp);

	/* the family is not looked up from the hardware ID: firmware has no quirks */
	tmp = xb_node_query_text(n, "family", NULL);
	self->family = fu_nec_odd_family_lookup(tmp);
	if (self->family == NULL) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "family '%s' is not one of 640K, 768K, 1M, 1M-K2, 2M",
			    tmp != NULL ? tmp : "");
		return FALSE;
	}
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
	if (tmp == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "product is required, e.g. DVD_RW ND-3520A");
		return FALSE;
	}
	g_free(self->product);
	self->product = g_strdup(tmp);
	if (fu_firmware_get_version(firmware) == NULL) {
		g_set_error_literal(error,
				    FWUPD_ERROR,
				    FWUPD_ERROR_INVALID_DATA,
				    "version is required, e.g. 3.04");
		return FALSE;
	}
	if (!fu_nec_odd_firmware_check_revision(fu_firmware_get_version(firmware), error))
		return FALSE;

	/* image */
	blob = fu_nec_odd_firmware_build_image(self, n, error);
	if (blob == NULL)
		return FALSE;
	fu_firmware_set_addr(firmware, self->family->areas[0].flash_addr);
	fu_firmware_set_bytes(firmware, blob);
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
