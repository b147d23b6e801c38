/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-answer.h"
#include "fu-nec-odd-cdb.h"
#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-sg.h"

/* the figures below are written from tests/sim/families.md (sections 1, 5, 6.1),
 * nec-flash-protocol.md and SPC-4, not taken from the family table:
 * nocheck:magic-inlines=600 */

#define FU_NEC_ODD_TEST_SIGNATURE_OFFSET 0x31337
#define FU_NEC_ODD_TEST_INQUIRY_OFFSET	 394

/* one image layout per family, spelled out here */
typedef struct {
	const gchar *family;
	const gchar *hardware_id;
	const gchar *product;
	gsize image_size; /* without the bootcode version */
	gsize id_offset;
	gsize id_copy_offset; /* 0 for none */
	guint32 flash_addr;   /* of the first body part */
	gsize parts[2][2];    /* file offset and size of each body part */
	guint n_parts;
	gsize checksums[2][2]; /* word offset, first summed offset */
	guint n_checksums;
	guint n_flash_commands; /* families.md section 1 */
	const gchar *builder;	/* tests/ file */
} FuNecOddTestFamily;

static const FuNecOddTestFamily fu_nec_odd_test_families[] = {
    {"640K",
     "K130",
     "DVD_RW ND-1300A",
     634888,
     0x9B004,
     0x7B000,
     0x5000,
     {{0x0, 0x7B000}, {0x7B004, 0x20000}},
     2,
     {{0x7AFFE, 0x0}, {0x9B002, 0x7B004}},
     2,
     61,
     "nec-odd-640k.builder.xml"},
    {"768K",
     "L245",
     "DVD_RW ND-6450A",
     753668,
     0xB8000,
     0,
     0x8000,
     {{0x0, 0xB8000}},
     1,
     {{0xB7FFE, 0x0}},
     1,
     50,
     "nec-odd-768k.builder.xml"},
    {"1M",
     "K352",
     "DVD_RW ND-3520A",
     1024004,
     0xFA000,
     0,
     0x6000,
     {{0x0, 0xFA000}},
     1,
     {{0xF9FFE, 0x0}},
     1,
     69,
     "nec-odd-1m.builder.xml"},
    {"1M-K2",
     "K250",
     "DVD_RW ND-2500A",
     1024004,
     0xFA000,
     0,
     0x6000,
     {{0x0, 0xFA000}},
     1,
     {{0x29FFE, 0x0}, {0xF9FFE, 0x2A000}},
     2,
     70,
     "nec-odd-1m-k2.builder.xml"},
    {"2M",
     "K355",
     "DVD_RW ND-3550A",
     1966086,
     0x1E0002,
     0,
     0x10000,
     {{0x0, 0x1E0000}},
     1,
     {{0x1E0000, 0x0}},
     1,
     124,
     "nec-odd-2m.builder.xml"},
};

static const FuNecOddTestFamily *
fu_nec_odd_test_family_lookup(const gchar *name)
{
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_test_families); i++) {
		if (g_strcmp0(fu_nec_odd_test_families[i].family, name) == 0)
			return &fu_nec_odd_test_families[i];
	}
	g_assert_not_reached();
	return NULL;
}

static const guint8 fu_nec_odd_test_signature[] =
    {0x07, 0x00, 0x03, 0x00, 0x78, 0x00, 0x78, 0x00, 0x78, 0x00};

static void
fu_nec_odd_test_write(GByteArray *buf, gsize offset, const void *data, gsize datasz)
{
	g_autoptr(GError) error = NULL;
	gboolean ret =
	    fu_memcpy_safe(buf->data, buf->len, offset, data, datasz, 0x0, datasz, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
}

static guint16
fu_nec_odd_test_sum(GByteArray *buf, gsize from, gsize to)
{
	guint16 sum = 0;
	for (gsize i = from; i < to; i += 2)
		sum += (guint16)((buf->data[i] << 8) | buf->data[i + 1]);
	return sum;
}

static guint16
fu_nec_odd_test_word(GByteArray *buf, gsize offset)
{
	return (guint16)((buf->data[offset] << 8) | buf->data[offset + 1]);
}

/* every checksum word of the family, in order */
static void
fu_nec_odd_test_image_set_checksums(const FuNecOddTestFamily *tf, GByteArray *buf)
{
	for (guint i = 0; i < tf->n_checksums; i++) {
		gsize word = tf->checksums[i][0];
		guint16 sum = fu_nec_odd_test_sum(buf, tf->checksums[i][1], word);
		buf->data[word] = sum >> 8;
		buf->data[word + 1] = sum & 0xFF;
	}
}

/* the signature, then vendor, product and revision space padded, as INQUIRY gives them */
static void
fu_nec_odd_test_image_set_signature(const FuNecOddTestFamily *tf,
				    GByteArray *buf,
				    gsize offset,
				    const gchar *vendor,
				    const gchar *product,
				    const gchar *revision)
{
	g_autofree gchar *inquiry = g_strdup_printf("%-8s%-16s%-4s", vendor, product, revision);

	g_assert_cmpint(strlen(inquiry), ==, 28);
	g_assert_cmpint(offset + FU_NEC_ODD_TEST_INQUIRY_OFFSET + 28, <=, buf->len);
	fu_nec_odd_test_write(buf,
			      offset,
			      fu_nec_odd_test_signature,
			      sizeof(fu_nec_odd_test_signature));
	fu_nec_odd_test_write(buf,
			      offset + FU_NEC_ODD_TEST_INQUIRY_OFFSET,
			      inquiry,
			      strlen(inquiry));
	fu_nec_odd_test_image_set_checksums(tf, buf);
}

static void
fu_nec_odd_test_image_set_hardware_id(const FuNecOddTestFamily *tf,
				      GByteArray *buf,
				      const gchar *hardware_id)
{
	fu_nec_odd_test_write(buf, tf->id_offset, hardware_id, 4);
	if (tf->id_copy_offset != 0)
		fu_nec_odd_test_write(buf, tf->id_copy_offset, hardware_id, 4);
}

/* a deterministic image of the family, with the bootcode version when not NULL */
static GByteArray *
fu_nec_odd_test_image_new(const FuNecOddTestFamily *tf, const gchar *bootcode)
{
	g_autoptr(GByteArray) buf = g_byte_array_sized_new(tf->image_size + 2);

	/* counting modulo a prime never forms the signature by chance */
	for (gsize i = 0; i < tf->image_size; i++)
		fu_byte_array_append_uint8(buf, i % 251);
	fu_nec_odd_test_image_set_hardware_id(tf, buf, tf->hardware_id);
	fu_nec_odd_test_image_set_signature(tf,
					    buf,
					    FU_NEC_ODD_TEST_SIGNATURE_OFFSET,
					    "_NEC",
					    tf->product,
					    "3.04");
	if (bootcode != NULL)
		g_byte_array_append(buf, (const guint8 *)bootcode, strlen(bootcode));
	return g_steal_pointer(&buf);
}

static gboolean
fu_nec_odd_test_image_parse(FuFirmware *firmware,
			    GByteArray *buf,
			    FuFirmwareParseFlags flags,
			    GError **error)
{
	g_autoptr(GBytes) blob = g_bytes_new(buf->data, buf->len);
	return fu_firmware_parse_bytes(firmware, blob, 0x0, flags, error);
}

static void
fu_nec_odd_firmware_parse_check(const FuNecOddTestFamily *tf, const gchar *bootcode)
{
	FuNecOddFirmware *self;
	const FuNecOddFamily *family;
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, bootcode);
	g_autoptr(GBytes) blob = g_bytes_new(buf->data, buf->len);
	g_autoptr(GBytes) blob_written = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *xml = NULL;
	g_autofree gchar *xml_family = NULL;

	g_assert_cmpint(buf->len, ==, tf->image_size + (bootcode != NULL ? 2 : 0));
	ret = fu_firmware_parse_bytes(firmware, blob, 0x0, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_true(ret);

	/* trailer, INQUIRY and the family the checksums name */
	self = FU_NEC_ODD_FIRMWARE(firmware);
	family = fu_nec_odd_firmware_get_family(self);
	g_assert_nonnull(family);
	g_assert_cmpstr(family->name, ==, tf->family);
	g_assert_cmpstr(fu_nec_odd_firmware_get_hardware_id(self), ==, tf->hardware_id);
	g_assert_cmpint(fu_nec_odd_firmware_get_bootcode(self),
			==,
			bootcode != NULL ? 0x3031 : 0x0);
	g_assert_cmpstr(fu_nec_odd_firmware_get_vendor(self), ==, "_NEC");
	g_assert_cmpstr(fu_nec_odd_firmware_get_product(self), ==, tf->product);
	g_assert_cmpstr(fu_firmware_get_version(firmware), ==, "3.04");
	g_assert_cmpint(fu_firmware_get_addr(firmware), ==, tf->flash_addr);

	/* each body part, where the family's areas put it */
	g_assert_cmpint(family->n_areas, ==, tf->n_parts);
	for (guint i = 0; i < tf->n_parts; i++) {
		g_autoptr(GBytes) data = NULL;
		data = fu_nec_odd_firmware_get_area_data(self, &family->areas[i], &error);
		g_assert_no_error(error);
		g_assert_nonnull(data);
		g_assert_cmpmem(g_bytes_get_data(data, NULL),
				g_bytes_get_size(data),
				buf->data + tf->parts[i][0],
				tf->parts[i][1]);
	}

	/* an area of another family is refused */
	{
		const FuNecOddFamily *other =
		    fu_nec_odd_family_lookup(g_strcmp0(tf->family, "2M") == 0 ? "1M" : "2M");
		g_autoptr(GBytes) data = NULL;
		data = fu_nec_odd_firmware_get_area_data(self, &other->areas[0], &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
		g_assert_null(data);
		g_clear_error(&error);
	}

	/* single bytes, e.g. a slim drive's connection byte at 0x0 or 0x400 */
	for (guint i = 0; i < 2; i++) {
		gsize offset = i == 0 ? 0x0 : 0x400;
		guint8 value = 0;
		ret = fu_nec_odd_firmware_get_byte(self, offset, &value, &error);
		g_assert_no_error(error);
		g_assert_true(ret);
		g_assert_cmpint(value, ==, buf->data[offset]);
	}
	{
		guint8 value = 0;
		ret = fu_nec_odd_firmware_get_byte(self, tf->image_size, &value, &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_READ);
		g_assert_false(ret);
		g_clear_error(&error);
	}

	/* the words SendChecksum sends, in order */
	for (guint i = 0, k = 0; i < family->n_areas; i++) {
		for (guint j = 0; j < family->areas[i].n_checksums; j++, k++) {
			guint16 value = 0;
			g_assert_cmpint(k, <, tf->n_checksums);
			ret = fu_nec_odd_firmware_get_checksum(self,
							       &family->areas[i].checksums[j],
							       &value,
							       &error);
			g_assert_no_error(error);
			g_assert_true(ret);
			g_assert_cmpint(value, ==, fu_nec_odd_test_word(buf, tf->checksums[k][0]));
			g_assert_cmpint(
			    value,
			    ==,
			    fu_nec_odd_test_sum(buf, tf->checksums[k][1], tf->checksums[k][0]));
		}
	}

	/* written back byte for byte */
	blob_written = fu_firmware_write(firmware, &error);
	g_assert_no_error(error);
	g_assert_nonnull(blob_written);
	g_assert_true(g_bytes_equal(blob, blob_written));

	/* exported for fwupdtool firmware-parse */
	xml = fu_firmware_export_to_xml(firmware, FU_FIRMWARE_EXPORT_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_nonnull(xml);
	xml_family = g_strdup_printf("<family>%s</family>", tf->family);
	g_assert_nonnull(strstr(xml, xml_family));
	g_assert_nonnull(strstr(xml, tf->hardware_id));
	g_assert_nonnull(strstr(xml, tf->product));
	if (bootcode != NULL)
		g_assert_nonnull(strstr(xml, "<bootcode>01</bootcode>"));
	else
		g_assert_null(strstr(xml, "<bootcode>"));
}

static void
fu_nec_odd_firmware_parse_func(gconstpointer user_data)
{
	fu_nec_odd_firmware_parse_check(user_data, NULL);
}

static void
fu_nec_odd_firmware_parse_bootcode_func(gconstpointer user_data)
{
	fu_nec_odd_firmware_parse_check(user_data, "01");
}

static const gchar *fu_nec_odd_test_sizes =
    "634888 or 634890 (640K), 753668 or 753670 (768K), 1024004 or 1024006 (1M, 1M-K2), "
    "1966086 or 1966088 (2M)";

static void
fu_nec_odd_test_parse_size(const FuNecOddTestFamily *tf, gsize size, const gchar *bootcode)
{
	const gchar *hint = "the file is truncated or too large";
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, bootcode);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *msg = NULL;

	fu_byte_array_set_size(buf, size, 0x0A);
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	if (size < 634888)
		hint = "the file is truncated";
	else if (size > 1966088)
		hint = "the file is too large";
	msg = g_strdup_printf("image is %u bytes, expected %s: %s",
			      (guint)size,
			      fu_nec_odd_test_sizes,
			      hint);
	g_assert_cmpstr(error->message, ==, msg);
}

/* one byte short, one byte too many, or cut in the body */
static void
fu_nec_odd_firmware_size_func(gconstpointer user_data)
{
	const FuNecOddTestFamily *tf = user_data;
	fu_nec_odd_test_parse_size(tf, tf->image_size - 1, NULL);
	fu_nec_odd_test_parse_size(tf, tf->image_size + 1, NULL);
	fu_nec_odd_test_parse_size(tf, tf->image_size + 3, "01");
	fu_nec_odd_test_parse_size(tf, tf->parts[0][1], NULL);
	fu_nec_odd_test_parse_size(tf, 1000, NULL);
}

/* a flipped bit in each checksummed part is found, and the message names the word */
static void
fu_nec_odd_firmware_checksum_func(gconstpointer user_data)
{
	const FuNecOddTestFamily *tf = user_data;

	for (guint i = 0; i < tf->n_checksums; i++) {
		gsize word = tf->checksums[i][0];
		gsize offset = tf->checksums[i][1] + 0x1000;
		gboolean ret;
		guint16 stored;
		g_autoptr(FuFirmware) firmware1 = fu_nec_odd_firmware_new();
		g_autoptr(FuFirmware) firmware2 = fu_nec_odd_firmware_new();
		g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, "01");
		g_autoptr(GError) error = NULL;
		g_autofree gchar *msg = NULL;

		buf->data[offset] ^= 0x01;
		stored = fu_nec_odd_test_word(buf, word);
		ret = fu_nec_odd_test_image_parse(firmware1,
						  buf,
						  FU_FIRMWARE_PARSE_FLAG_NONE,
						  &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
		g_assert_false(ret);
		msg = g_strdup_printf("%s: the word at 0x%x is 0x%04x but the words from 0x%x "
				      "sum to 0x%04x",
				      tf->family,
				      (guint)word,
				      stored,
				      (guint)tf->checksums[i][1],
				      fu_nec_odd_test_sum(buf, tf->checksums[i][1], word));
		g_assert_nonnull(strstr(error->message, "image has a bad checksum ("));
		g_assert_nonnull(strstr(error->message, msg));
		g_assert_nonnull(strstr(error->message, "): the file is damaged"));
		g_clear_error(&error);

		/* --force */
		ret = fu_nec_odd_test_image_parse(firmware2,
						  buf,
						  FU_FIRMWARE_PARSE_FLAG_IGNORE_CHECKSUM,
						  &error);
		g_assert_no_error(error);
		g_assert_true(ret);
	}
}

/* the trailer ID, the 640K copy between the banks, and the bootcode version */
static void
fu_nec_odd_firmware_trailer_func(gconstpointer user_data)
{
	const FuNecOddTestFamily *tf = user_data;
	gsize offsets[] = {tf->id_offset, tf->id_copy_offset};

	for (guint i = 0; i < G_N_ELEMENTS(offsets); i++) {
		gboolean ret;
		g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
		g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, "01");
		g_autoptr(GError) error = NULL;
		g_autofree gchar *msg = NULL;

		if (offsets[i] == 0)
			continue;
		fu_nec_odd_test_write(buf, offsets[i], "K3\0\0", 4);
		ret = fu_nec_odd_test_image_parse(firmware,
						  buf,
						  FU_FIRMWARE_PARSE_FLAG_IGNORE_CHECKSUM,
						  &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
		g_assert_false(ret);
		msg = g_strdup_printf("image hardware ID at 0x%x has byte 0x00 at position 2",
				      (guint)offsets[i]);
		g_assert_nonnull(strstr(error->message, msg));
	}

	/* the copy names the canonical key of a dump, the trailer can name another ID */
	if (tf->id_copy_offset != 0) {
		gboolean ret;
		g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
		g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, NULL);
		g_autoptr(GError) error = NULL;
		fu_nec_odd_test_write(buf, tf->id_copy_offset, "K110", 4);
		ret =
		    fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
		g_assert_no_error(error);
		g_assert_true(ret);
		g_assert_cmpstr(fu_nec_odd_firmware_get_hardware_id(FU_NEC_ODD_FIRMWARE(firmware)),
				==,
				tf->hardware_id);
	}

	/* bootcode version */
	{
		gboolean ret;
		g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
		g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, "0A");
		g_autoptr(GError) error = NULL;
		ret =
		    fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
		g_assert_false(ret);
		g_assert_nonnull(strstr(error->message, "0x3041"));
	}
}

/* 1M and 1M-K2 images have the same size: the checksum rule that holds names the row */
static void
fu_nec_odd_firmware_k2_func(void)
{
	const FuNecOddTestFamily *tf_1m = fu_nec_odd_test_family_lookup("1M");
	const FuNecOddTestFamily *tf_k2 = fu_nec_odd_test_family_lookup("1M-K2");
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf_1m, NULL);
	g_autoptr(GError) error = NULL;

	/* a 1M image with the K2 rule applied on top is K2 */
	fu_nec_odd_test_image_set_checksums(tf_k2, buf);
	g_assert_cmpint(fu_nec_odd_test_word(buf, 0x29FFE), !=, 0x0);
	g_assert_cmpint(fu_nec_odd_test_word(buf, 0x29FFE), !=, 0x8000);
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpstr(fu_nec_odd_firmware_get_family(FU_NEC_ODD_FIRMWARE(firmware))->name,
			==,
			"1M-K2");

	/* and back */
	fu_nec_odd_test_image_set_checksums(tf_1m, buf);
	g_clear_object(&firmware);
	firmware = fu_nec_odd_firmware_new();
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpstr(fu_nec_odd_firmware_get_family(FU_NEC_ODD_FIRMWARE(firmware))->name,
			==,
			"1M");
	g_assert_false(fu_nec_odd_firmware_has_layout(FU_NEC_ODD_FIRMWARE(firmware),
						      fu_nec_odd_family_lookup("1M-K2")));
	g_assert_false(fu_nec_odd_firmware_has_layout(FU_NEC_ODD_FIRMWARE(firmware),
						      fu_nec_odd_family_lookup("2M")));
}

/* a K2 image whose first-part sum is 0x0000 passes the 1M rule too: the parser
 * names it 1M, and it still has the layout of a K2 drive */
static void
fu_nec_odd_firmware_k2_ambiguous_func(void)
{
	const FuNecOddTestFamily *tf_1m = fu_nec_odd_test_family_lookup("1M");
	const FuNecOddTestFamily *tf_k2 = fu_nec_odd_test_family_lookup("1M-K2");
	const guint8 zero[2] = {0x00, 0x00};
	gboolean ret;
	guint16 sum = 0;
	guint8 fix[2] = {0};
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf_1m, NULL);
	g_autoptr(GError) error = NULL;

	fu_nec_odd_test_image_set_checksums(tf_k2, buf);
	fu_nec_odd_test_write(buf, 0x29FFC, zero, sizeof(zero));
	for (gsize i = 0; i < 0x29FFE; i += 2)
		sum += fu_nec_odd_test_word(buf, i);
	fix[0] = (guint8)(((guint16)-sum) >> 8);
	fix[1] = (guint8)(((guint16)-sum) & 0xFF);
	fu_nec_odd_test_write(buf, 0x29FFC, fix, sizeof(fix));
	fu_nec_odd_test_write(buf, 0x29FFE, zero, sizeof(zero));
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpstr(fu_nec_odd_firmware_get_family(FU_NEC_ODD_FIRMWARE(firmware))->name,
			==,
			"1M");
	g_assert_true(fu_nec_odd_firmware_has_layout(FU_NEC_ODD_FIRMWARE(firmware),
						     fu_nec_odd_family_lookup("1M-K2")));
}

static void
fu_nec_odd_firmware_signature_missing_func(void)
{
	const FuNecOddTestFamily *tf = fu_nec_odd_test_family_lookup("1M");
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, NULL);
	g_autoptr(GError) error = NULL;

	buf->data[FU_NEC_ODD_TEST_SIGNATURE_OFFSET + 4] = 0x79;
	fu_nec_odd_test_image_set_checksums(tf, buf);
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "no INQUIRY signature"));
}

/* also once in each bank of a 640K image */
static void
fu_nec_odd_firmware_signature_duplicate_func(void)
{
	const gchar *families[] = {"1M", "640K"};
	const gsize offsets[] = {0x80000, 0x80000};
	for (guint i = 0; i < G_N_ELEMENTS(families); i++) {
		const FuNecOddTestFamily *tf = fu_nec_odd_test_family_lookup(families[i]);
		gboolean ret;
		g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
		g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, NULL);
		g_autoptr(GError) error = NULL;
		g_autofree gchar *msg = NULL;

		fu_nec_odd_test_image_set_signature(tf,
						    buf,
						    offsets[i],
						    "_NEC",
						    tf->product,
						    "3.05");
		ret =
		    fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
		g_assert_false(ret);
		msg = g_strdup_printf("at 0x31337 and again at 0x%x", (guint)offsets[i]);
		g_assert_nonnull(strstr(error->message, msg));
	}
}

/* the signature may not run over a part's end or its checksum word */
static void
fu_nec_odd_firmware_signature_end_func(void)
{
	const FuNecOddTestFamily *tf = fu_nec_odd_test_family_lookup("640K");
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, NULL);
	g_autoptr(GError) error = NULL;

	buf->data[FU_NEC_ODD_TEST_SIGNATURE_OFFSET] = 0x00;
	fu_nec_odd_test_write(buf, 0x7AFFE - 100, fu_nec_odd_test_signature, 10);
	fu_nec_odd_test_image_set_checksums(tf, buf);
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "too close to the end of its part"));
}

static void
fu_nec_odd_firmware_vendor_func(void)
{
	const FuNecOddTestFamily *tf = fu_nec_odd_test_family_lookup("1M");
	gboolean ret;
	g_autoptr(FuFirmware) firmware1 = fu_nec_odd_firmware_new();
	g_autoptr(FuFirmware) firmware2 = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, "01");
	g_autoptr(GError) error = NULL;

	/* an OEM rebrand */
	fu_nec_odd_test_image_set_signature(tf,
					    buf,
					    FU_NEC_ODD_TEST_SIGNATURE_OFFSET,
					    "SONY",
					    "DVD RW DW-D150A",
					    "1.UC");
	ret = fu_nec_odd_test_image_parse(firmware1, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "vendor SONY"));
	g_clear_error(&error);

	/* --force */
	ret = fu_nec_odd_test_image_parse(firmware2,
					  buf,
					  FU_FIRMWARE_PARSE_FLAG_IGNORE_VID_PID,
					  &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpstr(fu_nec_odd_firmware_get_vendor(FU_NEC_ODD_FIRMWARE(firmware2)), ==, "SONY");
	g_assert_cmpstr(fu_nec_odd_firmware_get_product(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			"DVD RW DW-D150A");
	g_assert_cmpstr(fu_firmware_get_version(firmware2), ==, "1.UC");
}

static void
fu_nec_odd_firmware_revision_func(void)
{
	const FuNecOddTestFamily *tf = fu_nec_odd_test_family_lookup("1M");
	const gchar *revisions[] = {"3.0\x01", "3 04", "3.0"};
	for (guint i = 0; i < G_N_ELEMENTS(revisions); i++) {
		gboolean ret;
		g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
		g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, NULL);
		g_autoptr(GError) error = NULL;

		fu_nec_odd_test_image_set_signature(tf,
						    buf,
						    FU_NEC_ODD_TEST_SIGNATURE_OFFSET,
						    "_NEC",
						    tf->product,
						    revisions[i]);
		ret =
		    fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
		g_assert_false(ret);
		g_assert_nonnull(strstr(error->message, "revision"));
	}
}

/* each family's builder XML makes an image that this file's own layout accepts:
 * the ID where the family keeps it, the checksum words of its rule, the
 * signature in the first part; it parses back as that family and writes back */
static void
fu_nec_odd_firmware_xml_func(gconstpointer user_data)
{
	const FuNecOddTestFamily *tf = user_data;
	gboolean ret;
	g_autofree gchar *filename = NULL;
	g_autoptr(FuFirmware) firmware1 = fu_nec_odd_firmware_new();
	g_autoptr(FuFirmware) firmware2 = fu_nec_odd_firmware_new();
	g_autoptr(GBytes) blob1 = NULL;
	g_autoptr(GBytes) blob2 = NULL;
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(GError) error = NULL;

	/* build and write */
	filename = g_test_build_filename(G_TEST_DIST, "tests", tf->builder, NULL);
	ret = fu_firmware_build_from_filename(firmware1, filename, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	blob1 = fu_firmware_write(firmware1, &error);
	g_assert_no_error(error);
	g_assert_nonnull(blob1);
	g_assert_cmpint(g_bytes_get_size(blob1), ==, tf->image_size + 2);
	fu_byte_array_append_bytes(buf, blob1);

	/* laid out as families.md says */
	g_assert_cmpmem(buf->data + tf->id_offset, 4, tf->hardware_id, 4);
	if (tf->id_copy_offset != 0)
		g_assert_cmpmem(buf->data + tf->id_copy_offset, 4, tf->hardware_id, 4);
	g_assert_cmpmem(buf->data + tf->image_size, 2, "01", 2);
	for (guint i = 0; i < tf->n_checksums; i++) {
		g_assert_cmpint(fu_nec_odd_test_word(buf, tf->checksums[i][0]),
				==,
				fu_nec_odd_test_sum(buf, tf->checksums[i][1], tf->checksums[i][0]));
	}
	g_assert_cmpmem(buf->data + 0x20000,
			sizeof(fu_nec_odd_test_signature),
			fu_nec_odd_test_signature,
			sizeof(fu_nec_odd_test_signature));
	g_assert_cmpmem(buf->data, 11, "hello world", 11);
	g_assert_cmpint(buf->data[tf->parts[tf->n_parts - 1][0] + 0x100], ==, 0x5A);

	/* ensure we can round-trip */
	ret = fu_firmware_parse_bytes(firmware2, blob1, 0x0, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpstr(fu_nec_odd_firmware_get_family(FU_NEC_ODD_FIRMWARE(firmware2))->name,
			==,
			tf->family);
	g_assert_cmpstr(fu_firmware_get_version(firmware2), ==, "3.04");
	g_assert_cmpstr(fu_nec_odd_firmware_get_hardware_id(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			tf->hardware_id);
	g_assert_cmpstr(fu_nec_odd_firmware_get_product(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			tf->product);
	g_assert_cmpint(fu_nec_odd_firmware_get_bootcode(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			0x3031);
	blob2 = fu_firmware_write(firmware2, &error);
	g_assert_no_error(error);
	g_assert_nonnull(blob2);
	g_assert_true(g_bytes_equal(blob1, blob2));
}

/* a dump laid out from the areas read is the install image (2M: the sum appended) */
static void
fu_nec_odd_firmware_from_areas_func(gconstpointer user_data)
{
	const FuNecOddTestFamily *tf = user_data;
	const FuNecOddFamily *family = fu_nec_odd_family_lookup(tf->family);
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new(tf, "01");
	g_autofree guint8 *dump = g_malloc0(buf->len);
	gboolean ret;
	g_autoptr(GError) error = NULL;

	g_assert_nonnull(family);
	for (guint i = 0; i < tf->n_parts; i++) {
		ret = fu_memcpy_safe(dump,
				     buf->len,
				     tf->parts[i][0],
				     buf->data,
				     buf->len,
				     tf->parts[i][0],
				     tf->parts[i][1],
				     &error);
		g_assert_no_error(error);
		g_assert_true(ret);
	}
	ret = fu_nec_odd_firmware_finish_image(family,
					       dump,
					       buf->len,
					       tf->hardware_id,
					       0x3031,
					       &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpmem(dump, buf->len, buf->data, buf->len);

	/* a buffer of the wrong size */
	ret = fu_nec_odd_firmware_finish_image(family,
					       dump,
					       buf->len - 1,
					       tf->hardware_id,
					       0x3031,
					       &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
}

/* what fwupd's engine test does with every plugin's firmware type: an empty image
 * exports to XML and builds back, and is never written */
static void
fu_nec_odd_firmware_xml_empty_func(void)
{
	gboolean ret;
	g_autofree gchar *xml = NULL;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GBytes) blob = NULL;
	g_autoptr(GBytes) fw = g_bytes_new_static((const guint8 *)"x", 1);
	g_autoptr(GError) error = NULL;

	fu_firmware_set_bytes(firmware, fw);
	fu_firmware_set_version_raw(firmware, 0);
	ret = fu_firmware_parse_bytes(firmware, fw, 0x0, FU_FIRMWARE_PARSE_FLAG_NO_SEARCH, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_clear_error(&error);

	xml = fu_firmware_export_to_xml(firmware,
					FU_FIRMWARE_EXPORT_FLAG_INCLUDE_DEBUG |
					    FU_FIRMWARE_EXPORT_FLAG_ASCII_DATA,
					&error);
	g_assert_no_error(error);
	g_assert_nonnull(xml);
	ret = fu_firmware_build_from_xml(firmware, xml, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_null(fu_nec_odd_firmware_get_hardware_id(FU_NEC_ODD_FIRMWARE(firmware)));

	blob = fu_firmware_write(firmware, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_null(blob);
	g_assert_nonnull(strstr(error->message, "no family and hardware ID set"));
}

/* the table against families.md: sizes, WriteRAM runs covering each area once,
 * the number of commands a flash sends, and where the image keeps the ID */
static void
fu_nec_odd_family_layout_func(gconstpointer user_data)
{
	const FuNecOddTestFamily *tf = user_data;
	const FuNecOddFamily *family = fu_nec_odd_family_lookup(tf->family);
	guint n_commands = 0;

	g_assert_nonnull(family);
	g_assert_cmpint(fu_nec_odd_family_get_image_size(family, FALSE), ==, tf->image_size);
	g_assert_cmpint(fu_nec_odd_family_get_image_size(family, TRUE), ==, tf->image_size + 2);
	g_assert_cmpint(family->id_offset, ==, tf->id_offset);
	g_assert_cmpint(family->id_copy_offset, ==, tf->id_copy_offset);
	g_assert_cmpint(family->n_areas, ==, tf->n_parts);
	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		guint32 addr = area->flash_addr;

		g_assert_cmpint(area->file_offset, ==, tf->parts[i][0]);
		g_assert_cmpint(area->size, ==, tf->parts[i][1]);
		for (guint j = 0; j < area->n_runs; j++) {
			const FuNecOddWriteRun *run = &area->runs[j];
			g_assert_cmpint(run->addr, ==, addr);
			g_assert_cmpint(run->pages, >=, 1);
			g_assert_cmpint(run->pages, <=, FU_NEC_ODD_CDB_PAGES_MAX);
			addr += (guint32)run->pages * run->count * FU_NEC_ODD_CDB_PAGE_SIZE;
			n_commands += run->count;
		}
		g_assert_cmpint(addr, ==, area->flash_addr + area->size);
		n_commands += 2 + area->n_checksums + area->n_program_blocks +
			      (area->erase_whole_bank ? 1 : area->n_erase_blocks);
	}
	g_assert_cmpint(n_commands, ==, tf->n_flash_commands);
	g_assert_true(fu_nec_odd_family_lookup(tf->family) == family);
}

/* the blocks of @blocks cover [addr, addr + size) exactly once, in any order */
static void
fu_nec_odd_test_blocks_cover(const FuNecOddFamily *family,
			     guint8 bank,
			     const guint8 *blocks,
			     guint n_blocks,
			     guint32 addr,
			     guint32 size)
{
	g_autofree guint8 *seen = g_new0(guint8, size);
	for (guint i = 0; i < n_blocks; i++) {
		const FuNecOddBlock *block =
		    fu_nec_odd_family_lookup_block(family, bank, blocks[i]);
		g_assert_nonnull(block);
		g_assert_cmpint(block->addr, >=, addr);
		g_assert_cmpint(block->addr + block->size, <=, addr + size);
		for (guint32 j = 0; j < block->size; j++) {
			g_assert_cmpint(seen[block->addr - addr + j], ==, 0);
			seen[block->addr - addr + j] = 1;
		}
	}
	for (guint32 j = 0; j < size; j++)
		g_assert_cmpint(seen[j], ==, 1);
}

/* one erase or program CDB: refused as protected (returns TRUE), refused as not
 * listed, or built with exactly one bit set and the bank bit of the area */
static gboolean
fu_nec_odd_test_block_guard(const FuNecOddFamily *family,
			    const FuNecOddArea *area,
			    FuNecOddBlockCmd cmd,
			    guint block)
{
	const guint8 *list = cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? area->erase_blocks
							       : area->program_blocks;
	guint n_list = cmd == FU_NEC_ODD_BLOCK_CMD_ERASE ? area->n_erase_blocks
							 : area->n_program_blocks;
	guint32 protected_size = fu_nec_odd_family_get_protected_size(family);
	const FuNecOddBlock *map = fu_nec_odd_family_lookup_block(family, area->bank, block);
	gboolean listed = FALSE;
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbBlock) st = NULL;

	for (guint k = 0; k < n_list; k++)
		listed |= list[k] == block;
	st = fu_nec_odd_cdb_block_new(family, area, cmd, block, &error);
	if (map != NULL && map->bank == 0 && map->addr < protected_size) {
		g_assert_false(listed);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_PERMISSION_DENIED);
		g_assert_nonnull(strstr(error->message, "bootcode or settings"));
		g_assert_null(st);
		return TRUE;
	}
	if (!listed) {
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_PERMISSION_DENIED);
		g_assert_nonnull(strstr(error->message, "is not in the"));
		g_assert_null(st);
		return FALSE;
	}
	g_assert_no_error(error);
	g_assert_nonnull(st);
	g_assert_nonnull(map);
	g_assert_cmpint(map->bank, ==, area->bank);
	g_assert_cmpint(map->addr, >=, protected_size);

	/* exactly one bit, at byte 8 - block / 8 of the CDB */
	g_assert_cmpint(st->buf->len, ==, 12);
	for (guint j = 2; j < 12; j++)
		g_assert_cmpint(st->buf->data[j], ==, j == 8 - block / 8 ? 1u << (block % 8) : 0);
	g_assert_cmpint(st->buf->data[0], ==, 0xCB);
	g_assert_cmpint(st->buf->data[1], ==, cmd | (area->bank == 1 ? 0x10 : 0));
	return FALSE;
}

/*
 * The guard, per family: every erase and program block of every area is in the
 * family's block map and inside the area (2M erases block 34, right after the
 * body, as Binflash does: the one exception), none lies in bank 0 below the first
 * area, and fu_nec_odd_cdb_block_new() refuses a protected block, any block
 * outside the area's lists, and a bank-0 block for a bank-1 area.
 */
static void
fu_nec_odd_cdb_block_guard_func(gconstpointer user_data)
{
	const FuNecOddTestFamily *tf = user_data;
	const FuNecOddFamily *family = fu_nec_odd_family_lookup(tf->family);
	const FuNecOddBlockCmd cmds[] = {FU_NEC_ODD_BLOCK_CMD_ERASE, FU_NEC_ODD_BLOCK_CMD_PROGRAM};
	guint32 protected_size;
	guint n_refused_protected = 0;

	g_assert_nonnull(family);
	protected_size = fu_nec_odd_family_get_protected_size(family);
	g_assert_cmpint(protected_size, ==, family->areas[0].flash_addr);
	g_assert_cmpint(protected_size, ==, tf->flash_addr);

	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		guint n_erase = area->n_erase_blocks;

		/* the map and the lists */
		fu_nec_odd_test_blocks_cover(family,
					     area->bank,
					     area->program_blocks,
					     area->n_program_blocks,
					     area->flash_addr,
					     area->size);
		if (g_strcmp0(tf->family, "2M") == 0) {
			const FuNecOddBlock *block34 =
			    fu_nec_odd_family_lookup_block(family, 0, 34);
			g_assert_nonnull(block34);
			g_assert_cmpint(area->erase_blocks[n_erase - 1], ==, 34);
			g_assert_cmpint(block34->addr, ==, area->flash_addr + area->size);
			n_erase--;
		}
		if (area->erase_whole_bank) {
			g_assert_cmpint(area->bank, ==, 1);
			g_assert_cmpint(area->n_erase_blocks, ==, 0);
		} else {
			fu_nec_odd_test_blocks_cover(family,
						     area->bank,
						     area->erase_blocks,
						     n_erase,
						     area->flash_addr,
						     area->size);
		}

		/* the builder, for every block number a bitmap can name */
		for (guint c = 0; c < G_N_ELEMENTS(cmds); c++) {
			for (guint block = 0; block < 56; block++) {
				if (fu_nec_odd_test_block_guard(family, area, cmds[c], block))
					n_refused_protected++;
			}
		}

		/* a bank-0 block for a bank-1 area: block 0 exists in bank 0 only */
		if (area->bank == 1) {
			g_autoptr(GError) error = NULL;
			g_autoptr(FuStructNecOddCdbBlock) st = NULL;
			g_assert_nonnull(fu_nec_odd_family_lookup_block(family, 0, 0));
			g_assert_null(fu_nec_odd_family_lookup_block(family, 1, 0));
			st = fu_nec_odd_cdb_block_new(family,
						      area,
						      FU_NEC_ODD_BLOCK_CMD_PROGRAM,
						      0,
						      &error);
			g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_PERMISSION_DENIED);
			g_assert_null(st);
		}

		/* EraseBank only where the family erases a whole bank */
		{
			g_autoptr(GError) error = NULL;
			g_autoptr(FuStructNecOddCdbEraseBank) st =
			    fu_nec_odd_cdb_erase_bank_new(area, &error);
			if (area->erase_whole_bank) {
				g_assert_no_error(error);
				g_assert_nonnull(st);
			} else {
				g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_PERMISSION_DENIED);
				g_assert_null(st);
			}
		}
	}

	/* 640K bank 0 has no numbered block below its body; the others have */
	if (g_strcmp0(tf->family, "640K") == 0)
		g_assert_cmpint(n_refused_protected, ==, 0);
	else
		g_assert_cmpint(n_refused_protected, >, 0);
}

/* a CDB as built by the plugin against the hex families.md 6.1 gives */
static void
fu_nec_odd_test_cdb_cmp(GByteArray *buf, const gchar *expected)
{
	g_autofree gchar *got = fu_byte_array_to_string(buf);
	g_autoptr(GString) want_str = g_string_new(NULL);
	g_auto(GStrv) bytes = g_strsplit(expected, " ", -1);
	for (guint i = 0; bytes[i] != NULL; i++) {
		g_autofree gchar *tmp = g_ascii_strdown(bytes[i], -1);
		g_string_append(want_str, tmp);
	}
	g_assert_cmpstr(got, ==, want_str->str);
}

static const FuNecOddArea *
fu_nec_odd_test_area(const gchar *name, guint idx)
{
	const FuNecOddFamily *family = fu_nec_odd_family_lookup(name);
	g_assert_nonnull(family);
	g_assert_cmpint(idx, <, family->n_areas);
	return &family->areas[idx];
}

static void
fu_nec_odd_test_cdb_block(const gchar *name,
			  guint area_idx,
			  FuNecOddBlockCmd cmd,
			  guint block,
			  const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbBlock) st =
	    fu_nec_odd_cdb_block_new(fu_nec_odd_family_lookup(name),
				     fu_nec_odd_test_area(name, area_idx),
				     cmd,
				     block,
				     &error);
	g_assert_no_error(error);
	g_assert_nonnull(st);
	fu_nec_odd_test_cdb_cmp(st->buf, expected);
}

static void
fu_nec_odd_test_cdb_write_ram(guint8 bank, guint32 addr, gsize len, const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbWriteRam) st =
	    fu_nec_odd_cdb_write_ram_new(bank, addr, len, &error);
	g_assert_no_error(error);
	g_assert_nonnull(st);
	fu_nec_odd_test_cdb_cmp(st->buf, expected);
}

static void
fu_nec_odd_test_cdb_read_ram(guint8 bank,
			     guint32 addr,
			     gsize len,
			     const guint8 *dump_id,
			     const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbReadRam) st =
	    fu_nec_odd_cdb_read_ram_new(bank, addr, len, dump_id, &error);
	g_assert_no_error(error);
	g_assert_nonnull(st);
	fu_nec_odd_test_cdb_cmp(st->buf, expected);
}

static void
fu_nec_odd_test_cdb_safe_mode(guint8 bank,
			      FuNecOddSafeModeAction action,
			      const gchar *key,
			      const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbSafeMode) st =
	    fu_nec_odd_cdb_safe_mode_new(bank, action, key, &error);
	g_assert_no_error(error);
	g_assert_nonnull(st);
	fu_nec_odd_test_cdb_cmp(st->buf, expected);
}

/* each family's CDBs through the family's own table entries, where the table names them */
static void
fu_nec_odd_test_cdb_checksum(const gchar *name, guint area_idx, guint idx, const gchar *expected)
{
	const FuNecOddArea *area = fu_nec_odd_test_area(name, area_idx);
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbSendChecksum) st = NULL;

	g_assert_cmpint(idx, <, area->n_checksums);
	st = fu_nec_odd_cdb_send_checksum_new(area->bank,
					      area->checksums[idx].index,
					      0xABCD,
					      &error);
	g_assert_no_error(error);
	g_assert_nonnull(st);
	fu_nec_odd_test_cdb_cmp(st->buf, expected);
}

/* families.md 6.1, byte for byte (S1 S0 = 0xABCD) */
static void
fu_nec_odd_cdb_layout_func(void)
{
	const guint8 dump_id = 0xA0;
	const FuNecOddArea *area_640k_bank1 = fu_nec_odd_test_area("640K", 1);
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbEraseBank) st_erase_bank = NULL;
	g_autoptr(FuStructNecOddCdbTestUnitReady) st_tur =
	    fu_struct_nec_odd_cdb_test_unit_ready_new();
	g_autoptr(FuStructNecOddCdbInquiry) st_inquiry = fu_struct_nec_odd_cdb_inquiry_new();

	/* every drive */
	fu_struct_nec_odd_cdb_inquiry_set_allocation_length(st_inquiry, 0x60);
	fu_nec_odd_test_cdb_cmp(st_inquiry->buf, "12 00 00 00 60 00");
	fu_nec_odd_test_cdb_cmp(st_tur->buf, "00 00 00 00 00 00");
	fu_nec_odd_test_cdb_read_ram(0, 0x4500, 0x20, NULL, "CC 00 00 00 45 00 00 00 20 00 00 00");
	fu_nec_odd_test_cdb_read_ram(0, 0x4800, 0x20, NULL, "CC 00 00 00 48 00 00 00 20 00 00 00");
	fu_nec_odd_test_cdb_read_ram(0, 0x4F00, 0x80, NULL, "CC 00 00 00 4F 00 00 00 80 00 00 00");
	fu_nec_odd_test_cdb_read_ram(0, 0x5F00, 0x80, NULL, "CC 00 00 00 5F 00 00 00 80 00 00 00");
	fu_nec_odd_test_cdb_safe_mode(0,
				      FU_NEC_ODD_SAFE_MODE_ACTION_ENTER,
				      "D355",
				      "CC 01 01 00 44 33 35 35 01 00 00 00");
	fu_nec_odd_test_cdb_read_ram(0, 0x10000, 1, NULL, "CC 00 00 01 00 00 00 00 01 00 00 00");

	/* 640K */
	fu_nec_odd_test_cdb_safe_mode(0,
				      FU_NEC_ODD_SAFE_MODE_ACTION_ENTER,
				      "K110",
				      "CC 01 01 00 4B 31 31 30 01 00 00 00");
	fu_nec_odd_test_cdb_safe_mode(1,
				      FU_NEC_ODD_SAFE_MODE_ACTION_ENTER,
				      "K110",
				      "CC 11 01 00 4B 31 31 30 01 00 00 00");
	fu_nec_odd_test_cdb_safe_mode(1,
				      FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE,
				      "L110",
				      "CC 11 00 00 4C 31 31 30 01 00 00 00");
	fu_nec_odd_test_cdb_write_ram(0, 0x5000, 0x1000, "CB 01 00 00 50 00 00 00 01 00 00 00");
	fu_nec_odd_test_cdb_write_ram(0, 0x78000, 0x8000, "CB 01 00 07 80 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_write_ram(1, 0x240000, 0x2000, "CB 11 00 24 00 00 00 00 02 00 00 00");
	fu_nec_odd_test_cdb_write_ram(1, 0x258000, 0x8000, "CB 11 00 25 80 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_checksum("640K", 0, 0, "CC 04 AB CD 00 00 00 00 00 00 00 00");
	fu_nec_odd_test_cdb_checksum("640K", 1, 0, "CC 14 AB CD 00 00 00 00 00 00 00 00");
	fu_nec_odd_test_cdb_block("640K",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  13,
				  "CB 04 00 00 00 00 00 20 00 00 00 00");
	fu_nec_odd_test_cdb_block("640K",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  0,
				  "CB 04 00 00 00 00 00 00 01 00 00 00");
	st_erase_bank = fu_nec_odd_cdb_erase_bank_new(area_640k_bank1, &error);
	g_assert_no_error(error);
	g_assert_nonnull(st_erase_bank);
	fu_nec_odd_test_cdb_cmp(st_erase_bank->buf, "CB 18 00 00 00 00 00 00 00 00 00 00");
	fu_nec_odd_test_cdb_block("640K",
				  1,
				  FU_NEC_ODD_BLOCK_CMD_PROGRAM,
				  8,
				  "CB 12 00 00 00 00 00 01 00 00 00 00");
	fu_nec_odd_test_cdb_block("640K",
				  1,
				  FU_NEC_ODD_BLOCK_CMD_PROGRAM,
				  14,
				  "CB 12 00 00 00 00 00 40 00 00 00 00");
	fu_nec_odd_test_cdb_read_ram(1,
				     0x240000,
				     0x1000,
				     NULL,
				     "CC 10 00 24 00 00 00 10 00 00 00 00");

	/* 768K */
	fu_nec_odd_test_cdb_safe_mode(0,
				      FU_NEC_ODD_SAFE_MODE_ACTION_ENTER,
				      "L210",
				      "CC 01 01 00 4C 32 31 30 01 00 00 00");
	fu_nec_odd_test_cdb_write_ram(0, 0x8000, 0x8000, "CB 01 00 00 80 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_write_ram(0, 0xB8000, 0x8000, "CB 01 00 0B 80 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_checksum("768K", 0, 0, "CC 04 AB CD 00 00 00 00 20 00 00 00");
	fu_nec_odd_test_cdb_block("768K",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  8,
				  "CB 04 00 00 00 00 00 01 00 00 00 00");
	fu_nec_odd_test_cdb_block("768K",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  19,
				  "CB 04 00 00 00 00 08 00 00 00 00 00");

	/* 1M and K2 */
	fu_nec_odd_test_cdb_write_ram(0, 0x6000, 0x8000, "CB 01 00 00 60 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_write_ram(0, 0xFE000, 0x2000, "CB 01 00 0F E0 00 00 00 02 00 00 00");
	fu_nec_odd_test_cdb_checksum("1M", 0, 0, "CC 04 AB CD 00 00 00 00 20 00 00 00");
	fu_nec_odd_test_cdb_checksum("1M-K2", 0, 0, "CC 04 AB CD 00 00 00 00 04 00 00 00");
	fu_nec_odd_test_cdb_checksum("1M-K2", 0, 1, "CC 04 AB CD 00 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_block("1M",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  2,
				  "CB 04 00 00 00 00 00 00 04 00 00 00");
	fu_nec_odd_test_cdb_block("1M",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  18,
				  "CB 04 00 00 00 00 04 00 00 00 00 00");
	fu_nec_odd_test_cdb_block("1M-K2",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_PROGRAM,
				  15,
				  "CB 02 00 00 00 00 00 80 00 00 00 00");
	fu_nec_odd_test_cdb_safe_mode(0,
				      FU_NEC_ODD_SAFE_MODE_ACTION_ENTER,
				      "K310",
				      "CC 01 01 00 4B 33 31 30 01 00 00 00");
	fu_nec_odd_test_cdb_read_ram(0,
				     0xFE000,
				     0x8000,
				     NULL,
				     "CC 00 00 0F E0 00 00 80 00 00 00 00");

	/* 2M */
	fu_nec_odd_test_cdb_write_ram(0, 0x10000, 0x8000, "CB 01 00 01 00 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_write_ram(0, 0x1E8000, 0x8000, "CB 01 00 1E 80 00 00 00 08 00 00 00");
	fu_nec_odd_test_cdb_checksum("2M", 0, 0, "CC 04 AB CD 00 00 00 00 00 00 00 00");
	fu_nec_odd_test_cdb_block("2M",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  4,
				  "CB 04 00 00 00 00 00 00 10 00 00 00");
	fu_nec_odd_test_cdb_block("2M",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_ERASE,
				  34,
				  "CB 04 00 00 04 00 00 00 00 00 00 00");
	fu_nec_odd_test_cdb_block("2M",
				  0,
				  FU_NEC_ODD_BLOCK_CMD_PROGRAM,
				  33,
				  "CB 02 00 00 02 00 00 00 00 00 00 00");
	fu_nec_odd_test_cdb_read_ram(0,
				     0x10000,
				     0x1000,
				     &dump_id,
				     "CC 00 00 01 00 00 00 10 00 52 44 A0");

	/* what the protocol does not allow is never sent */
	g_assert_null(fu_nec_odd_cdb_read_ram_new(0, 0x0, 0x8001, NULL, NULL));
	g_assert_null(fu_nec_odd_cdb_read_ram_new(0, 0x0, 0, NULL, NULL));
	g_assert_null(fu_nec_odd_cdb_read_ram_new(2, 0x0, 0x20, NULL, NULL));
	g_assert_null(fu_nec_odd_cdb_write_ram_new(0, 0x6000, 0x9000, NULL));
	g_assert_null(fu_nec_odd_cdb_write_ram_new(0, 0x6000, 0x800, NULL));
	g_assert_null(fu_nec_odd_cdb_write_ram_new(0, 0x6800, 0x1000, NULL));
	g_assert_null(
	    fu_nec_odd_cdb_safe_mode_new(0, FU_NEC_ODD_SAFE_MODE_ACTION_ENTER, "K35", NULL));
	g_assert_null(fu_nec_odd_cdb_send_checksum_new(0, 64, 0x0, NULL));
	/* 2M block 34 is erased, never programmed */
	g_assert_null(fu_nec_odd_cdb_block_new(fu_nec_odd_family_lookup("2M"),
					       fu_nec_odd_test_area("2M", 0),
					       FU_NEC_ODD_BLOCK_CMD_PROGRAM,
					       34,
					       NULL));
}

/* a CHECK CONDITION with sb_len_wr bytes of sense */
static gboolean
fu_nec_odd_test_check_sense(const guint8 *sense,
			    guint8 sb_len_wr,
			    FuNecOddSgReply *reply,
			    GError **error)
{
	guint8 buf[32] = {0};
	FuNecOddSgResult result = {
	    .status = FU_NEC_ODD_SCSI_STATUS_CHECK_CONDITION,
	    .driver_status = FU_NEC_ODD_SG_DRIVER_SENSE,
	    .sb_len_wr = sb_len_wr,
	};
	for (guint i = 0; i < 18; i++)
		buf[i] = sense[i];
	return fu_nec_odd_sg_check_result(&result,
					  FU_NEC_ODD_SG_DIR_NONE,
					  0,
					  buf,
					  5000,
					  reply,
					  error);
}

static void
fu_nec_odd_sg_sense_func(void)
{
	/* fixed format (SPC-4 4.5.3): key in byte 2, additional length in 7, ASC/ASCQ 12/13 */
	const guint8 fixed_reset[18] = {0x70, 0, 0x06, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x29, 0x00};
	const guint8 fixed_no_disc[18] = {0xF0, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x3A, 0x01};
	const guint8 fixed_becoming[18] = {0x71, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x04, 0x01};
	const guint8 fixed_short_len[18] =
	    {0x70, 0, 0x05, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0x20, 0x00};
	/* descriptor format (SPC-4 4.5.2): key, ASC, ASCQ in bytes 1..3 */
	const guint8 desc_opcode[18] = {0x72, 0x05, 0x20, 0x00, 0, 0, 0, 0};
	const guint8 desc_reset[18] = {0x73, 0x06, 0x29, 0x02, 0, 0, 0, 0};
	const guint8 unknown[18] = {0x00, 0x06, 0x29, 0x00};
	FuNecOddSgReply reply = {0};
	gboolean ret;
	g_autoptr(GError) error = NULL;

	ret = fu_nec_odd_test_check_sense(fixed_reset, 18, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_BUSY);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "06/29/00"));
	g_assert_true(reply.reset);
	g_clear_error(&error);

	/* the valid bit 0x80 is not part of the response code */
	ret = fu_nec_odd_test_check_sense(fixed_no_disc, 18, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_FOUND);
	g_assert_false(ret);
	g_assert_false(reply.reset);
	g_clear_error(&error);

	/* deferred errors decode the same way */
	ret = fu_nec_odd_test_check_sense(fixed_becoming, 18, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_BUSY);
	g_assert_false(ret);
	g_assert_cmpint(reply.key, ==, 0x02);
	g_assert_cmpint(reply.asc, ==, 0x04);
	g_assert_cmpint(reply.ascq, ==, 0x01);
	g_clear_error(&error);

	/* only sb_len_wr bytes count: 8 bytes hold the key, not the ASC */
	ret = fu_nec_odd_test_check_sense(fixed_reset, 8, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INTERNAL);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "06/00/00"));
	g_assert_false(reply.reset);
	g_clear_error(&error);

	/* nor do bytes past the additional length */
	ret = fu_nec_odd_test_check_sense(fixed_short_len, 18, &reply, &error);
	g_assert_false(ret);
	g_assert_cmpint(reply.key, ==, 0x05);
	g_assert_cmpint(reply.asc, ==, 0x00);
	g_clear_error(&error);

	/* a CHECK CONDITION without sense, or with too little */
	ret = fu_nec_odd_test_check_sense(fixed_reset, 0, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_assert_false(reply.reset);
	g_clear_error(&error);
	ret = fu_nec_odd_test_check_sense(fixed_reset, 2, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_clear_error(&error);

	ret = fu_nec_odd_test_check_sense(desc_opcode, 8, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "05/20/00"));
	g_clear_error(&error);
	ret = fu_nec_odd_test_check_sense(desc_reset, 8, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_BUSY);
	g_assert_false(ret);
	g_assert_true(reply.reset);
	g_assert_cmpint(reply.ascq, ==, 0x02);
	g_clear_error(&error);
	ret = fu_nec_odd_test_check_sense(desc_opcode, 3, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_clear_error(&error);

	ret = fu_nec_odd_test_check_sense(unknown, 18, &reply, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "unknown format 0x00"));
	g_assert_false(reply.reset);
}

static gboolean
fu_nec_odd_test_check(const FuNecOddSgResult *result,
		      FuNecOddSgDir dir,
		      FuNecOddSgReply *reply,
		      GError **error)
{
	const guint8 sense[32] = {0x70, 0, 0x06, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x29, 0x00};
	return fu_nec_odd_sg_check_result(result, dir, 32, sense, 5000, reply, error);
}

static void
fu_nec_odd_sg_status_func(void)
{
	struct {
		FuNecOddSgResult result;
		FuNecOddSgDir dir;
		gint code; /* FWUPD_ERROR_LAST for success */
		const gchar *text;
		gboolean reset;
	} cases[] = {
	    {{0}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_LAST, NULL, FALSE},
	    /* sense in the buffer but status GOOD: the status decides */
	    {{.sb_len_wr = 18}, FU_NEC_ODD_SG_DIR_NONE, FWUPD_ERROR_LAST, NULL, FALSE},
	    {{.status = 0x08}, FU_NEC_ODD_SG_DIR_NONE, FWUPD_ERROR_BUSY, "BUSY", FALSE},
	    {{.status = 0x28}, FU_NEC_ODD_SG_DIR_NONE, FWUPD_ERROR_BUSY, "TASK SET FULL", FALSE},
	    {{.status = 0x18},
	     FU_NEC_ODD_SG_DIR_NONE,
	     FWUPD_ERROR_BUSY,
	     "RESERVATION CONFLICT",
	     FALSE},
	    {{.status = 0x40}, FU_NEC_ODD_SG_DIR_NONE, FWUPD_ERROR_INTERNAL, "0x40", FALSE},
	    {{.host_status = 0x03}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_TIMED_OUT, "5 s", FALSE},
	    {{.host_status = 0x08}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_BUSY, "reset", TRUE},
	    {{.host_status = 0x07}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_INTERNAL, "0x07", FALSE},
	    {{.driver_status = 0x06}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_TIMED_OUT, "0x06", FALSE},
	    {{.driver_status = 0x04}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_INTERNAL, "0x04", FALSE},
	    /* the transport error wins over the status */
	    {{.status = 0x02, .host_status = 0x03, .sb_len_wr = 18},
	     FU_NEC_ODD_SG_DIR_IN,
	     FWUPD_ERROR_TIMED_OUT,
	     NULL,
	     FALSE},
	    {{.status = 0x02, .driver_status = 0x08, .sb_len_wr = 18},
	     FU_NEC_ODD_SG_DIR_IN,
	     FWUPD_ERROR_BUSY,
	     "06/29/00",
	     TRUE},
	    /* resid: a short transfer is an error, never zero-filled data */
	    {{.resid = 4}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_READ, "sent 28 of 32 bytes", FALSE},
	    {{.resid = 32}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_READ, "sent 0 of 32 bytes", FALSE},
	    {{.resid = 1}, FU_NEC_ODD_SG_DIR_OUT, FWUPD_ERROR_WRITE, "took 31 of 32", FALSE},
	    {{.resid = -1}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_INVALID_DATA, "-1 of 32", FALSE},
	    {{.resid = 33}, FU_NEC_ODD_SG_DIR_IN, FWUPD_ERROR_INVALID_DATA, "33 of 32", FALSE},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		FuNecOddSgReply reply = {0};
		g_autoptr(GError) error = NULL;
		gboolean ret =
		    fu_nec_odd_test_check(&cases[i].result, cases[i].dir, &reply, &error);
		g_debug("case %u: %s", i, error != NULL ? error->message : "OK");
		if (cases[i].code == FWUPD_ERROR_LAST) {
			g_assert_no_error(error);
			g_assert_true(ret);
		} else {
			g_assert_error(error, FWUPD_ERROR, cases[i].code);
			g_assert_false(ret);
			if (cases[i].text != NULL)
				g_assert_nonnull(strstr(error->message, cases[i].text));
		}
		g_assert_cmpint(reply.reset, ==, cases[i].reset);
	}
}

/* the 36 bytes of a standard INQUIRY answer */
static void
fu_nec_odd_test_inquiry_new(guint8 *buf, const gchar *revision)
{
	const gchar *strings = "_NEC    DVD_RW ND-3520A ";
	for (guint i = 0; i < 36; i++)
		buf[i] = 0x00;
	buf[0] = 0x05;
	buf[1] = 0x80;
	buf[4] = 31;
	for (guint i = 0; i < 24; i++)
		buf[8 + i] = strings[i];
	for (guint i = 0; i < 4; i++)
		buf[32 + i] = revision[i];
}

static void
fu_nec_odd_answer_inquiry_func(void)
{
	guint8 buf[36] = {0};
	gboolean ret;
	g_autofree gchar *product = NULL;
	g_autofree gchar *revision = NULL;
	g_autoptr(GError) error = NULL;

	fu_nec_odd_test_inquiry_new(buf, "1.04");
	ret = fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), &product, &revision, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpstr(product, ==, "DVD_RW ND-3520A");
	g_assert_cmpstr(revision, ==, "1.04");

	/* fewer bytes than the standard part */
	ret = fu_nec_odd_answer_parse_inquiry(buf, 35, NULL, NULL, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_clear_error(&error);

	/* a disk, and a CD/DVD drive that is not connected (qualifier 1) */
	buf[0] = 0x00;
	ret = fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), NULL, NULL, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED);
	g_assert_false(ret);
	g_clear_error(&error);
	buf[0] = 0x25;
	ret = fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), NULL, NULL, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED);
	g_assert_false(ret);
	g_clear_error(&error);

	/* the drive says it has fewer bytes than the revision needs */
	fu_nec_odd_test_inquiry_new(buf, "1.04");
	buf[4] = 27;
	ret = fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), NULL, NULL, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_clear_error(&error);

	/* unprintable or empty strings */
	fu_nec_odd_test_inquiry_new(buf,
				    "1.\xff"
				    "4");
	ret = fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), NULL, NULL, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "31 2e ff 34"));
	g_clear_error(&error);
	fu_nec_odd_test_inquiry_new(buf, "1.04");
	buf[20] = '\0';
	ret = fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), NULL, NULL, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
	g_clear_error(&error);
	fu_nec_odd_test_inquiry_new(buf, "    ");
	ret = fu_nec_odd_answer_parse_inquiry(buf, sizeof(buf), NULL, NULL, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_false(ret);
}

static void
fu_nec_odd_answer_bootcode_func(void)
{
	const gchar *bad[] = {"0.x1", "0.1", "0.0 ", "0:\xff\xff", "1.04", "0.01a"};
	guint16 bootcode = 0;
	gboolean ret;
	g_autoptr(GError) error = NULL;

	ret = fu_nec_odd_answer_parse_bootcode("0.01", &bootcode, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmphex(bootcode, ==, 0x3031);
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error_local = NULL;
		bootcode = 0;
		ret = fu_nec_odd_answer_parse_bootcode(bad[i], &bootcode, &error_local);
		g_assert_error(error_local, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
		g_assert_false(ret);
		g_assert_cmphex(bootcode, ==, 0);
	}
}

static void
fu_nec_odd_answer_hardware_id_func(void)
{
	const guint8 good[] = {'K', '3', '5', '2', 0xFF, 0xFF};
	const guint8 erased[] = {0xFF, 0xFF, 0xFF, 0xFF};
	const guint8 zero[] = {0x00, 0x00, 0x00, 0x00};
	const guint8 space[] = {'K', '3', ' ', '2'};
	g_autofree gchar *id = NULL;
	g_autofree gchar *id_erased = NULL;
	g_autofree gchar *id_zero = NULL;
	g_autofree gchar *id_space = NULL;
	g_autofree gchar *id_short = NULL;
	g_autoptr(GError) error = NULL;

	/* only the first four bytes are the ID */
	id = fu_nec_odd_answer_parse_hardware_id(good, sizeof(good), &error);
	g_assert_no_error(error);
	g_assert_cmpstr(id, ==, "K352");

	/* named in hex, as the update error shows it */
	id_erased = fu_nec_odd_answer_parse_hardware_id(erased, sizeof(erased), &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED);
	g_assert_null(id_erased);
	g_assert_nonnull(strstr(error->message, "ff ff ff ff"));
	g_clear_error(&error);
	id_zero = fu_nec_odd_answer_parse_hardware_id(zero, sizeof(zero), &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED);
	g_assert_null(id_zero);
	g_assert_nonnull(strstr(error->message, "00 00 00 00"));
	g_clear_error(&error);
	id_space = fu_nec_odd_answer_parse_hardware_id(space, sizeof(space), &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED);
	g_assert_null(id_space);
	g_clear_error(&error);
	id_short = fu_nec_odd_answer_parse_hardware_id(good, 3, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
	g_assert_null(id_short);
}

int
main(int argc, char **argv)
{
	(void)g_setenv("G_TEST_SRCDIR", SRCDIR, FALSE);
	g_test_init(&argc, &argv, NULL);

	/* only critical and error are fatal */
	g_log_set_fatal_mask(NULL, G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);

	/* tests go here */
	for (guint i = 0; i < G_N_ELEMENTS(fu_nec_odd_test_families); i++) {
		const FuNecOddTestFamily *tf = &fu_nec_odd_test_families[i];
		const struct {
			const gchar *name;
			GTestDataFunc func;
		} tests[] = {
		    {"family{layout}", fu_nec_odd_family_layout_func},
		    {"cdb{block-guard}", fu_nec_odd_cdb_block_guard_func},
		    {"firmware{parse}", fu_nec_odd_firmware_parse_func},
		    {"firmware{parse-bootcode}", fu_nec_odd_firmware_parse_bootcode_func},
		    {"firmware{size}", fu_nec_odd_firmware_size_func},
		    {"firmware{checksum}", fu_nec_odd_firmware_checksum_func},
		    {"firmware{trailer}", fu_nec_odd_firmware_trailer_func},
		    {"firmware{xml}", fu_nec_odd_firmware_xml_func},
		    {"firmware{from-areas}", fu_nec_odd_firmware_from_areas_func},
		};
		for (guint j = 0; j < G_N_ELEMENTS(tests); j++) {
			g_autofree gchar *path =
			    g_strdup_printf("/nec-odd/%s/%s", tf->family, tests[j].name);
			g_test_add_data_func(path, tf, tests[j].func);
		}
	}
	g_test_add_func("/nec-odd/firmware{k2}", fu_nec_odd_firmware_k2_func);
	g_test_add_func("/nec-odd/firmware{k2-ambiguous}", fu_nec_odd_firmware_k2_ambiguous_func);
	g_test_add_func("/nec-odd/firmware{signature-missing}",
			fu_nec_odd_firmware_signature_missing_func);
	g_test_add_func("/nec-odd/firmware{signature-duplicate}",
			fu_nec_odd_firmware_signature_duplicate_func);
	g_test_add_func("/nec-odd/firmware{signature-end}", fu_nec_odd_firmware_signature_end_func);
	g_test_add_func("/nec-odd/firmware{vendor}", fu_nec_odd_firmware_vendor_func);
	g_test_add_func("/nec-odd/firmware{revision}", fu_nec_odd_firmware_revision_func);
	g_test_add_func("/nec-odd/firmware{xml-empty}", fu_nec_odd_firmware_xml_empty_func);
	g_test_add_func("/nec-odd/cdb{layout}", fu_nec_odd_cdb_layout_func);
	g_test_add_func("/nec-odd/sg{sense}", fu_nec_odd_sg_sense_func);
	g_test_add_func("/nec-odd/sg{status}", fu_nec_odd_sg_status_func);
	g_test_add_func("/nec-odd/answer{inquiry}", fu_nec_odd_answer_inquiry_func);
	g_test_add_func("/nec-odd/answer{bootcode}", fu_nec_odd_answer_bootcode_func);
	g_test_add_func("/nec-odd/answer{hardware-id}", fu_nec_odd_answer_hardware_id_func);
	return g_test_run();
}
