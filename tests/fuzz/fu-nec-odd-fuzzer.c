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
 * back to the very same bytes, and those must parse and write back again.
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
	return 0;
}
