/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-cdb.h"
#include "fu-nec-odd-firmware.h"

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
	return g_test_run();
}
