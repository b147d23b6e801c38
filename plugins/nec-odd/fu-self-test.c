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

/* the 1 MiB family, spelled out here rather than taken from the family table */
#define FU_NEC_ODD_TEST_BODY_SIZE	    0xFA000
#define FU_NEC_ODD_TEST_CHECKSUM_OFFSET	    0xF9FFE
#define FU_NEC_ODD_TEST_SIGNATURE_OFFSET    0x31337
#define FU_NEC_ODD_TEST_INQUIRY_OFFSET	    394
#define FU_NEC_ODD_TEST_IMAGE_SIZE	    1024004
#define FU_NEC_ODD_TEST_IMAGE_SIZE_BOOTCODE 1024006

static const guint8 fu_nec_odd_test_signature[] =
    {0x07, 0x00, 0x03, 0x00, 0x78, 0x00, 0x78, 0x00, 0x78, 0x00};

static void
fu_nec_odd_test_image_set_checksum(GByteArray *buf)
{
	guint16 checksum = 0;
	for (gsize i = 0; i < FU_NEC_ODD_TEST_CHECKSUM_OFFSET; i += 2)
		checksum += (guint16)((buf->data[i] << 8) | buf->data[i + 1]);
	buf->data[FU_NEC_ODD_TEST_CHECKSUM_OFFSET] = checksum >> 8;
	buf->data[FU_NEC_ODD_TEST_CHECKSUM_OFFSET + 1] = checksum & 0xFF;
}

/* the signature, then vendor, product and revision space padded, as INQUIRY gives them */
static void
fu_nec_odd_test_image_set_signature(GByteArray *buf,
				    gsize offset,
				    const gchar *vendor,
				    const gchar *product,
				    const gchar *revision)
{
	gboolean ret;
	g_autofree gchar *inquiry = g_strdup_printf("%-8s%-16s%-4s", vendor, product, revision);
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(strlen(inquiry), ==, 28);
	ret = fu_memcpy_safe(buf->data,
			     buf->len,
			     offset,
			     fu_nec_odd_test_signature,
			     sizeof(fu_nec_odd_test_signature),
			     0x0,
			     sizeof(fu_nec_odd_test_signature),
			     &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	ret = fu_memcpy_safe(buf->data,
			     buf->len,
			     offset + FU_NEC_ODD_TEST_INQUIRY_OFFSET,
			     (const guint8 *)inquiry,
			     strlen(inquiry),
			     0x0,
			     strlen(inquiry),
			     &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	fu_nec_odd_test_image_set_checksum(buf);
}

/* a deterministic image for a ND-3520A, with the bootcode version when not NULL */
static GByteArray *
fu_nec_odd_test_image_new(const gchar *hardware_id, const gchar *bootcode)
{
	g_autoptr(GByteArray) buf = g_byte_array_sized_new(FU_NEC_ODD_TEST_IMAGE_SIZE_BOOTCODE);

	/* counting modulo a prime never forms the signature by chance */
	for (gsize i = 0; i < FU_NEC_ODD_TEST_BODY_SIZE; i++)
		fu_byte_array_append_uint8(buf, i % 251);
	fu_nec_odd_test_image_set_signature(buf,
					    FU_NEC_ODD_TEST_SIGNATURE_OFFSET,
					    "_NEC",
					    "DVD_RW ND-3520A",
					    "3.04");
	g_byte_array_append(buf, (const guint8 *)hardware_id, strlen(hardware_id));
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
fu_nec_odd_firmware_parse_check(const gchar *bootcode, gsize image_size)
{
	FuNecOddFirmware *self;
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", bootcode);
	g_autoptr(GBytes) blob = g_bytes_new(buf->data, buf->len);
	g_autoptr(GBytes) blob_written = NULL;
	g_autoptr(GBytes) body = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *xml = NULL;

	g_assert_cmpint(buf->len, ==, image_size);
	ret = fu_firmware_parse_bytes(firmware, blob, 0x0, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_true(ret);

	/* trailer, INQUIRY and checksum */
	self = FU_NEC_ODD_FIRMWARE(firmware);
	g_assert_cmpstr(fu_nec_odd_firmware_get_hardware_id(self), ==, "K352");
	g_assert_cmpint(fu_nec_odd_firmware_get_bootcode(self),
			==,
			bootcode != NULL ? 0x3031 : 0x0);
	g_assert_cmpstr(fu_nec_odd_firmware_get_vendor(self), ==, "_NEC");
	g_assert_cmpstr(fu_nec_odd_firmware_get_product(self), ==, "DVD_RW ND-3520A");
	g_assert_cmpstr(fu_firmware_get_version(firmware), ==, "3.04");
	g_assert_cmpint(fu_nec_odd_firmware_get_checksum(self),
			==,
			(buf->data[FU_NEC_ODD_TEST_CHECKSUM_OFFSET] << 8) |
			    buf->data[FU_NEC_ODD_TEST_CHECKSUM_OFFSET + 1]);
	g_assert_cmpstr(fu_nec_odd_firmware_get_model(self)->model, ==, "ND-3520A");

	/* the body goes to the flash at 0x6000 */
	g_assert_cmpint(fu_firmware_get_addr(firmware), ==, 0x6000);
	body = fu_nec_odd_firmware_get_body(self, &error);
	g_assert_no_error(error);
	g_assert_nonnull(body);
	g_assert_cmpint(g_bytes_get_size(body), ==, FU_NEC_ODD_TEST_BODY_SIZE);
	g_assert_cmpmem(g_bytes_get_data(body, NULL),
			g_bytes_get_size(body),
			buf->data,
			FU_NEC_ODD_TEST_BODY_SIZE);

	/* written back byte for byte */
	blob_written = fu_firmware_write(firmware, &error);
	g_assert_no_error(error);
	g_assert_nonnull(blob_written);
	g_assert_true(g_bytes_equal(blob, blob_written));

	/* exported for fwupdtool firmware-parse */
	xml = fu_firmware_export_to_xml(firmware, FU_FIRMWARE_EXPORT_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_nonnull(xml);
	g_assert_nonnull(strstr(xml, "<hardware_id>K352</hardware_id>"));
	g_assert_nonnull(strstr(xml, "<product>DVD_RW ND-3520A</product>"));
	g_assert_nonnull(strstr(xml, "<model>ND-3520A</model>"));
	g_assert_nonnull(strstr(xml, "<family>1MiB</family>"));
	if (bootcode != NULL)
		g_assert_nonnull(strstr(xml, "<bootcode>01</bootcode>"));
	else
		g_assert_null(strstr(xml, "<bootcode>"));
}

static void
fu_nec_odd_firmware_parse_func(void)
{
	fu_nec_odd_firmware_parse_check(NULL, FU_NEC_ODD_TEST_IMAGE_SIZE);
}

static void
fu_nec_odd_firmware_parse_bootcode_func(void)
{
	fu_nec_odd_firmware_parse_check("01", FU_NEC_ODD_TEST_IMAGE_SIZE_BOOTCODE);
}

static void
fu_nec_odd_firmware_truncated_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", NULL);
	g_autoptr(GError) error = NULL;

	g_byte_array_set_size(buf, 1000);
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_cmpstr(error->message,
			==,
			"image is 1000 bytes, expected 1024004 or 1024006 for an NEC "
			"1MiB-family drive: the file is truncated");
}

static void
fu_nec_odd_firmware_oversized_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", "01");
	g_autoptr(GError) error = NULL;

	fu_byte_array_append_uint8(buf, 0x0A);
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_cmpstr(error->message,
			==,
			"image is 1024007 bytes, expected 1024004 or 1024006 for an NEC "
			"1MiB-family drive: the file is too large");
}

static void
fu_nec_odd_firmware_hardware_id_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K999", NULL);
	g_autoptr(GError) error = NULL;

	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_cmpstr(error->message,
			==,
			"image is for hardware ID K999, which is not a known NEC drive");
}

static void
fu_nec_odd_firmware_bootcode_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", "0A");
	g_autoptr(GError) error = NULL;

	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "0x3041"));
}

static void
fu_nec_odd_firmware_signature_missing_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", NULL);
	g_autoptr(GError) error = NULL;

	buf->data[FU_NEC_ODD_TEST_SIGNATURE_OFFSET + 4] = 0x79;
	fu_nec_odd_test_image_set_checksum(buf);
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "no INQUIRY signature"));
}

static void
fu_nec_odd_firmware_signature_duplicate_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", NULL);
	g_autoptr(GError) error = NULL;

	fu_nec_odd_test_image_set_signature(buf, 0x80000, "_NEC", "DVD_RW ND-3520A", "3.05");
	ret = fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	g_assert_nonnull(strstr(error->message, "at 0x31337 and again at 0x80000"));
}

static void
fu_nec_odd_firmware_checksum_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware1 = fu_nec_odd_firmware_new();
	g_autoptr(FuFirmware) firmware2 = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", NULL);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *msg = NULL;
	guint16 checksum = (buf->data[FU_NEC_ODD_TEST_CHECKSUM_OFFSET] << 8) |
			   buf->data[FU_NEC_ODD_TEST_CHECKSUM_OFFSET + 1];

	/* one flipped bit in the high byte of a word */
	buf->data[0x1000] ^= 0x01;
	ret = fu_nec_odd_test_image_parse(firmware1, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
	g_assert_false(ret);
	msg = g_strdup_printf("image checksum is 0x%04x but the body sums to 0x%04x: "
			      "the file is damaged",
			      checksum,
			      (guint16)(checksum + ((buf->data[0x1000] & 0x01) ? 0x100 : -0x100)));
	g_assert_cmpstr(error->message, ==, msg);
	g_clear_error(&error);

	/* --force */
	ret = fu_nec_odd_test_image_parse(firmware2,
					  buf,
					  FU_FIRMWARE_PARSE_FLAG_IGNORE_CHECKSUM,
					  &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	g_assert_cmpint(fu_nec_odd_firmware_get_checksum(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			checksum);
}

static void
fu_nec_odd_firmware_vendor_func(void)
{
	gboolean ret;
	g_autoptr(FuFirmware) firmware1 = fu_nec_odd_firmware_new();
	g_autoptr(FuFirmware) firmware2 = fu_nec_odd_firmware_new();
	g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", "01");
	g_autoptr(GError) error = NULL;

	/* an OEM rebrand */
	fu_nec_odd_test_image_set_signature(buf,
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
	const gchar *revisions[] = {"3.0\x01", "3 04", "3.0"};
	for (guint i = 0; i < G_N_ELEMENTS(revisions); i++) {
		gboolean ret;
		g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
		g_autoptr(GByteArray) buf = fu_nec_odd_test_image_new("K352", NULL);
		g_autoptr(GError) error = NULL;

		fu_nec_odd_test_image_set_signature(buf,
						    FU_NEC_ODD_TEST_SIGNATURE_OFFSET,
						    "_NEC",
						    "DVD_RW ND-3520A",
						    revisions[i]);
		ret =
		    fu_nec_odd_test_image_parse(firmware, buf, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
		g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_FILE);
		g_assert_false(ret);
		g_assert_nonnull(strstr(error->message, "revision"));
	}
}

static void
fu_nec_odd_firmware_xml_func(void)
{
	gboolean ret;
	g_autofree gchar *filename = NULL;
	g_autofree gchar *csum1 = NULL;
	g_autofree gchar *csum2 = NULL;
	g_autofree gchar *xml_out = NULL;
	g_autoptr(FuFirmware) firmware1 = fu_nec_odd_firmware_new();
	g_autoptr(FuFirmware) firmware2 = fu_nec_odd_firmware_new();
	g_autoptr(GBytes) blob1 = NULL;
	g_autoptr(GBytes) blob2 = NULL;
	g_autoptr(GError) error = NULL;

	/* build and write */
	filename = g_test_build_filename(G_TEST_DIST, "tests", "nec-odd.builder.xml", NULL);
	ret = fu_firmware_build_from_filename(firmware1, filename, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	blob1 = fu_firmware_write(firmware1, &error);
	g_assert_no_error(error);
	g_assert_nonnull(blob1);
	g_assert_cmpint(g_bytes_get_size(blob1), ==, FU_NEC_ODD_TEST_IMAGE_SIZE_BOOTCODE);
	csum1 = g_compute_checksum_for_bytes(G_CHECKSUM_SHA1, blob1);
	g_assert_cmpstr(csum1, ==, "f87b1b3552e16d54988117710f8f8afe7980da1f");

	/* ensure we can round-trip */
	ret = fu_firmware_parse_bytes(firmware2, blob1, 0x0, FU_FIRMWARE_PARSE_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_true(ret);
	xml_out = fu_firmware_export_to_xml(firmware2, FU_FIRMWARE_EXPORT_FLAG_NONE, &error);
	g_assert_no_error(error);
	g_assert_nonnull(xml_out);
	g_debug("%s", xml_out);
	g_assert_cmpstr(fu_firmware_get_version(firmware2), ==, "3.04");
	g_assert_cmpstr(fu_nec_odd_firmware_get_hardware_id(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			"K352");
	g_assert_cmpint(fu_nec_odd_firmware_get_bootcode(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			0x3031);
	g_assert_cmpint(fu_nec_odd_firmware_get_checksum(FU_NEC_ODD_FIRMWARE(firmware2)),
			==,
			fu_nec_odd_firmware_get_checksum(FU_NEC_ODD_FIRMWARE(firmware1)));
	blob2 = fu_firmware_write(firmware2, &error);
	g_assert_no_error(error);
	g_assert_nonnull(blob2);
	csum2 = g_compute_checksum_for_bytes(G_CHECKSUM_SHA1, blob2);
	g_assert_cmpstr(csum1, ==, csum2);
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
	g_assert_nonnull(strstr(error->message, "no hardware ID set"));
}

/* no code path can erase or program the bootcode or calibration blocks: every
 * erase and program CDB is made by fu_nec_odd_cdb_block_new() */
static void
fu_nec_odd_cdb_block_guard_func(void)
{
	const FuNecOddModel *model = fu_nec_odd_family_lookup_model("K352");
	const FuNecOddBlockCmd cmds[] = {FU_NEC_ODD_BLOCK_CMD_ERASE, FU_NEC_ODD_BLOCK_CMD_PROGRAM};

	g_assert_nonnull(model);
	for (guint i = 0; i < G_N_ELEMENTS(cmds); i++) {
		for (guint block = 0; block < 24; block++) {
			g_autoptr(GError) error = NULL;
			g_autoptr(FuStructNecOddCdbBlock) st =
			    fu_nec_odd_cdb_block_new(model->family, cmds[i], block, &error);
			if (block < 2) {
				g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_PERMISSION_DENIED);
				g_assert_null(st);
			} else if (block > 18) {
				g_assert_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA);
				g_assert_null(st);
			} else {
				const guint8 *bitmap;
				g_assert_no_error(error);
				g_assert_nonnull(st);
				/* exactly one bit, at byte 8 - block / 8 of the CDB */
				g_assert_cmpint(st->buf->len, ==, 12);
				bitmap = st->buf->data + 2;
				for (guint j = 0; j < 7; j++) {
					g_assert_cmpint(bitmap[j],
							==,
							j == 6 - block / 8 ? 1u << (block % 8) : 0);
				}
				g_assert_cmpint(st->buf->data[1], ==, cmds[i]);
			}
		}
	}
}

/* the byte vectors below are written from nec-flash-protocol.md and SPC-4:
 * nocheck:magic-inlines=250 */

/* a CDB as built by the plugin against the bytes nec-flash-protocol.md gives */
static void
fu_nec_odd_test_cdb_cmp(GByteArray *buf, const guint8 *expected, gsize expectedsz)
{
	g_autofree gchar *got = fu_byte_array_to_string(buf);
	g_autoptr(GByteArray) want = g_byte_array_new();
	g_autofree gchar *want_str = NULL;
	g_byte_array_append(want, expected, expectedsz);
	want_str = fu_byte_array_to_string(want);
	g_assert_cmpstr(got, ==, want_str);
}

static void
fu_nec_odd_cdb_layout_func(void)
{
	const FuNecOddModel *model = fu_nec_odd_family_lookup_model("K352");
	/* ReadRAM: CC 00 A3 A2 A1 A0 00 L1 L0 I0 I1 I2 */
	const guint8 read_id[] = {0xCC, 0x00, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00, 0x20, 0, 0, 0};
	const guint8 read_body[] = {0xCC, 0x00, 0x00, 0x0F, 0xE0, 0x00, 0x00, 0x80, 0x00, 0, 0, 0};
	/* SafeMode: CC 01 EE 00 k0 k1 k2 k3 01 00 00 00 */
	const guint8 enter[] = {0xCC, 0x01, 0x01, 0x00, 'K', '3', '5', '2', 0x01, 0, 0, 0};
	const guint8 leave[] = {0xCC, 0x01, 0x00, 0x00, 'K', '3', '5', '2', 0x01, 0, 0, 0};
	/* SendChecksum: CC 04 S1 S0 00 00 00 BD IX AR 00 00, IX = 4 x 8 */
	const guint8 checksum[] = {0xCC, 0x04, 0xAB, 0xCD, 0, 0, 0, 0x00, 0x20, 0x00, 0, 0};
	/* WriteRAM: CB 01 A3 A2 A1 A0 00 00 N AR 00 00 */
	const guint8 stage[] = {0xCB, 0x01, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x08, 0x00, 0, 0};
	const guint8 stage_last[] = {0xCB, 0x01, 0x00, 0x0F, 0xE0, 0x00, 0, 0, 0x02, 0x00, 0, 0};
	/* EraseBlock b: CB 04, then byte (8 - b/8) = 1 << (b % 8) */
	const guint8 erase2[] = {0xCB, 0x04, 0, 0, 0, 0, 0, 0, 0x04, 0, 0, 0};
	const guint8 erase8[] = {0xCB, 0x04, 0, 0, 0, 0, 0, 0x01, 0x00, 0, 0, 0};
	const guint8 erase18[] = {0xCB, 0x04, 0, 0, 0, 0, 0x04, 0, 0x00, 0, 0, 0};
	/* ProgramBlock b: CB 02, the same bitmap */
	const guint8 program15[] = {0xCB, 0x02, 0, 0, 0, 0, 0, 0x80, 0x00, 0, 0, 0};
	/* ReadBoot: CD 00 'R' 'D' 'B' 'O' 'O' 'T' 00 00 00 00 */
	/* TEST UNIT READY and a 36-byte INQUIRY (SPC) */
	const guint8 tur[] = {0x00, 0, 0, 0, 0, 0};
	const guint8 inquiry[] = {0x12, 0x00, 0x00, 0x00, 0x24, 0x00};
	g_autoptr(GError) error = NULL;
	g_autoptr(FuStructNecOddCdbReadRam) st_read_id = NULL;
	g_autoptr(FuStructNecOddCdbReadRam) st_read_body = NULL;
	g_autoptr(FuStructNecOddCdbSafeMode) st_enter = NULL;
	g_autoptr(FuStructNecOddCdbSafeMode) st_leave = NULL;
	g_autoptr(FuStructNecOddCdbSendChecksum) st_checksum = NULL;
	g_autoptr(FuStructNecOddCdbWriteRam) st_stage = NULL;
	g_autoptr(FuStructNecOddCdbWriteRam) st_stage_last = NULL;
	g_autoptr(FuStructNecOddCdbBlock) st_erase2 = NULL;
	g_autoptr(FuStructNecOddCdbBlock) st_erase8 = NULL;
	g_autoptr(FuStructNecOddCdbBlock) st_erase18 = NULL;
	g_autoptr(FuStructNecOddCdbBlock) st_program15 = NULL;
	g_autoptr(FuStructNecOddCdbTestUnitReady) st_tur =
	    fu_struct_nec_odd_cdb_test_unit_ready_new();
	g_autoptr(FuStructNecOddCdbInquiry) st_inquiry = fu_struct_nec_odd_cdb_inquiry_new();

	g_assert_nonnull(model);
	st_read_id = fu_nec_odd_cdb_read_ram_new(0x4800, 0x20, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_read_id->buf, read_id, sizeof(read_id));
	st_read_body = fu_nec_odd_cdb_read_ram_new(0xFE000, 0x8000, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_read_body->buf, read_body, sizeof(read_body));
	st_enter = fu_nec_odd_cdb_safe_mode_new(FU_NEC_ODD_SAFE_MODE_ACTION_ENTER, "K352", &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_enter->buf, enter, sizeof(enter));
	st_leave = fu_nec_odd_cdb_safe_mode_new(FU_NEC_ODD_SAFE_MODE_ACTION_LEAVE, "K352", &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_leave->buf, leave, sizeof(leave));
	st_checksum = fu_nec_odd_cdb_send_checksum_new(model->family, 0xABCD);
	fu_nec_odd_test_cdb_cmp(st_checksum->buf, checksum, sizeof(checksum));
	st_stage = fu_nec_odd_cdb_write_ram_new(0x6000, 0x8000, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_stage->buf, stage, sizeof(stage));
	st_stage_last = fu_nec_odd_cdb_write_ram_new(0xFE000, 0x2000, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_stage_last->buf, stage_last, sizeof(stage_last));
	st_erase2 = fu_nec_odd_cdb_block_new(model->family, FU_NEC_ODD_BLOCK_CMD_ERASE, 2, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_erase2->buf, erase2, sizeof(erase2));
	st_erase8 = fu_nec_odd_cdb_block_new(model->family, FU_NEC_ODD_BLOCK_CMD_ERASE, 8, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_erase8->buf, erase8, sizeof(erase8));
	st_erase18 =
	    fu_nec_odd_cdb_block_new(model->family, FU_NEC_ODD_BLOCK_CMD_ERASE, 18, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_erase18->buf, erase18, sizeof(erase18));
	st_program15 =
	    fu_nec_odd_cdb_block_new(model->family, FU_NEC_ODD_BLOCK_CMD_PROGRAM, 15, &error);
	g_assert_no_error(error);
	fu_nec_odd_test_cdb_cmp(st_program15->buf, program15, sizeof(program15));
	fu_nec_odd_test_cdb_cmp(st_tur->buf, tur, sizeof(tur));
	fu_struct_nec_odd_cdb_inquiry_set_allocation_length(st_inquiry, 36);
	fu_nec_odd_test_cdb_cmp(st_inquiry->buf, inquiry, sizeof(inquiry));

	/* lengths the protocol does not allow are never sent */
	g_assert_null(fu_nec_odd_cdb_read_ram_new(0x0, 0x10000, NULL));
	g_assert_null(fu_nec_odd_cdb_read_ram_new(0x0, 0x6000, NULL));
	g_assert_null(fu_nec_odd_cdb_write_ram_new(0x6000, 0x9000, NULL));
	g_assert_null(fu_nec_odd_cdb_write_ram_new(0x6000, 0x800, NULL));
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
	g_test_add_func("/nec-odd/firmware{parse}", fu_nec_odd_firmware_parse_func);
	g_test_add_func("/nec-odd/firmware{parse-bootcode}",
			fu_nec_odd_firmware_parse_bootcode_func);
	g_test_add_func("/nec-odd/firmware{truncated}", fu_nec_odd_firmware_truncated_func);
	g_test_add_func("/nec-odd/firmware{oversized}", fu_nec_odd_firmware_oversized_func);
	g_test_add_func("/nec-odd/firmware{hardware-id}", fu_nec_odd_firmware_hardware_id_func);
	g_test_add_func("/nec-odd/firmware{bootcode}", fu_nec_odd_firmware_bootcode_func);
	g_test_add_func("/nec-odd/firmware{signature-missing}",
			fu_nec_odd_firmware_signature_missing_func);
	g_test_add_func("/nec-odd/firmware{signature-duplicate}",
			fu_nec_odd_firmware_signature_duplicate_func);
	g_test_add_func("/nec-odd/firmware{checksum}", fu_nec_odd_firmware_checksum_func);
	g_test_add_func("/nec-odd/firmware{vendor}", fu_nec_odd_firmware_vendor_func);
	g_test_add_func("/nec-odd/firmware{revision}", fu_nec_odd_firmware_revision_func);
	g_test_add_func("/nec-odd/firmware{xml}", fu_nec_odd_firmware_xml_func);
	g_test_add_func("/nec-odd/firmware{xml-empty}", fu_nec_odd_firmware_xml_empty_func);
	g_test_add_func("/nec-odd/cdb{block-guard}", fu_nec_odd_cdb_block_guard_func);
	g_test_add_func("/nec-odd/cdb{layout}", fu_nec_odd_cdb_layout_func);
	g_test_add_func("/nec-odd/sg{sense}", fu_nec_odd_sg_sense_func);
	g_test_add_func("/nec-odd/sg{status}", fu_nec_odd_sg_status_func);
	g_test_add_func("/nec-odd/answer{inquiry}", fu_nec_odd_answer_inquiry_func);
	g_test_add_func("/nec-odd/answer{bootcode}", fu_nec_odd_answer_bootcode_func);
	g_test_add_func("/nec-odd/answer{hardware-id}", fu_nec_odd_answer_hardware_id_func);
	return g_test_run();
}
