/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-fuzzer.h"

/*
 * Like fwupd's generated fu-fuzzer-firmware.c.in (parse as is, then again with the
 * checksum and VID/PID checks off), but stricter: an image that parses must write
 * back to the very same bytes, and those must parse and write back again; its areas
 * must be its bytes and lay out back into the image.
 */

static void
fu_nec_odd_fuzzer_roundtrip(FuFirmware *firmware, GBytes *fw, FuFirmwareParseFlags flags)
{
	g_autoptr(FuFirmware) firmware2 = fu_nec_odd_firmware_new();
	g_autoptr(GBytes) fw2 = NULL;
	g_autoptr(GBytes) fw3 = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *xml = NULL;

	xml = fu_firmware_export_to_xml(firmware, FU_FIRMWARE_EXPORT_FLAG_NONE, &error);
	if (xml == NULL)
		g_error("parsed but cannot export: %s", error->message);
	fw2 = fu_firmware_write(firmware, &error);
	if (fw2 == NULL)
		g_error("parsed but cannot write: %s", error->message);
	if (g_bytes_compare(fw, fw2) != 0)
		g_error("written image differs from the parsed one (%u bytes, then %u)",
			(guint)g_bytes_get_size(fw),
			(guint)g_bytes_get_size(fw2));
	if (!fu_firmware_parse_bytes(firmware2, fw2, 0x0, flags, &error))
		g_error("written image does not parse: %s", error->message);
	fw3 = fu_firmware_write(firmware2, &error);
	if (fw3 == NULL)
		g_error("re-parsed image cannot be written: %s", error->message);
	if (g_bytes_compare(fw2, fw3) != 0)
		g_error("second write differs from the first");
}

/*
 * What the device does with a parsed image: every area, every checksum word and the
 * bytes around each area's start; and a dump laid out from the areas is the image
 * itself whenever the image is what a drive holds (checksums right, 640K copy of the
 * ID equal to the trailer).
 */
static void
fu_nec_odd_fuzzer_areas(FuNecOddFirmware *self, GBytes *fw, FuFirmwareParseFlags flags)
{
	const FuNecOddFamily *family = fu_nec_odd_firmware_get_family(self);
	const guint8 *buf = g_bytes_get_data(fw, NULL);
	gboolean dump_is_image = (flags & FU_FIRMWARE_PARSE_FLAG_IGNORE_CHECKSUM) == 0;
	guint16 bootcode = fu_nec_odd_firmware_get_bootcode(self);
	gsize dumpsz = 0;
	g_autofree guint8 *dump = NULL;
	g_autoptr(GError) error = NULL;

	if (family == NULL)
		g_error("parsed but has no family");
	dumpsz = fu_nec_odd_family_get_image_size(family, bootcode != 0);
	dump = g_malloc0(dumpsz);
	for (guint i = 0; i < family->n_areas; i++) {
		const FuNecOddArea *area = &family->areas[i];
		guint8 value = 0;
		GBytes *data = fu_nec_odd_firmware_get_area_data(self, area, &error);
		if (data == NULL)
			g_error("no data for area %u: %s", i, error->message);
		if (g_bytes_get_size(data) != area->size ||
		    memcmp(g_bytes_get_data(data, NULL), buf + area->file_offset, area->size) != 0)
			g_error("area %u is not the image's bytes", i);
		memcpy(dump + area->file_offset, g_bytes_get_data(data, NULL), area->size);
		g_bytes_unref(data);
		if (!fu_nec_odd_firmware_get_byte(self, area->file_offset, &value, &error))
			g_error("no first byte of area %u: %s", i, error->message);
		for (guint j = 0; j < area->n_checksums; j++) {
			guint16 word = 0;
			if (!fu_nec_odd_firmware_get_checksum(self,
							      &area->checksums[j],
							      &word,
							      &error))
				g_error("no checksum word: %s", error->message);
			if (word !=
			    fu_memread_uint16(buf + area->checksums[j].word_offset, G_BIG_ENDIAN))
				g_error("checksum word is not the image's");
		}
	}
	if (family->id_copy_offset != 0 &&
	    memcmp(buf + family->id_copy_offset, buf + family->id_offset, 4) != 0)
		dump_is_image = FALSE;
	if (!fu_nec_odd_firmware_finish_image(family,
					      dump,
					      dumpsz,
					      fu_nec_odd_firmware_get_hardware_id(self),
					      bootcode,
					      &error))
		g_error("cannot lay out a dump of the areas: %s", error->message);
	if (dump_is_image && (dumpsz != g_bytes_get_size(fw) || memcmp(dump, buf, dumpsz) != 0))
		g_error("a dump of the image's areas differs from the image");
}

int
LLVMFuzzerTestOneInput(const guint8 *data, gsize size)
{
	FuFirmwareParseFlags flags = FU_FIRMWARE_PARSE_FLAG_NONE;
	g_autoptr(FuFirmware) firmware = fu_nec_odd_firmware_new();
	g_autoptr(GBytes) fw = g_bytes_new_static(data, size);

	(void)g_setenv("G_DEBUG", "fatal-criticals", TRUE);
	(void)g_setenv("FWUPD_FUZZER_RUNNING", "1", TRUE);
	if (!fu_firmware_parse_bytes(firmware, fw, 0x0, flags, NULL)) {
		/* a mutated body almost never keeps its checksum: reach write() anyway */
		g_clear_object(&firmware);
		firmware = fu_nec_odd_firmware_new();
		flags = FU_FIRMWARE_PARSE_FLAG_NO_SEARCH | FU_FIRMWARE_PARSE_FLAG_IGNORE_VID_PID |
			FU_FIRMWARE_PARSE_FLAG_IGNORE_CHECKSUM;
		if (!fu_firmware_parse_bytes(firmware, fw, 0x0, flags, NULL))
			return 0;
	}
	fu_nec_odd_fuzzer_roundtrip(firmware, fw, flags);
	fu_nec_odd_fuzzer_areas(FU_NEC_ODD_FIRMWARE(firmware), fw, flags);
	return 0;
}
