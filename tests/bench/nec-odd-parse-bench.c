/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-firmware.h"

/*
 * In-process parser speed, as contrib/bench.sh reports it:
 *   nec-odd-parse-bench IMAGE.bin [SECONDS]
 * prints one JSON object: images parsed per second, parse + write per second, and
 * the floor any parser of this format pays: one checksum pass over the body per
 * second.
 */

typedef enum { BENCH_PARSE, BENCH_PARSE_WRITE, BENCH_SUM16 } BenchKind;

static gdouble
bench_run(GBytes *blob, BenchKind kind, gdouble seconds)
{
	gint64 start = g_get_monotonic_time();
	gint64 end = start + (gint64)(seconds * G_USEC_PER_SEC);
	gint64 now;
	guint n = 0;
	volatile guint16 sink = 0;

	do {
		for (guint i = 0; i < 8; i++) {
			g_autoptr(FuFirmware) firmware = NULL;
			g_autoptr(GBytes) blob2 = NULL;
			g_autoptr(GError) error = NULL;

			if (kind == BENCH_SUM16) {
				sink +=
				    fu_sum16w(g_bytes_get_data(blob, NULL), 0xF9FFE, G_BIG_ENDIAN);
				continue;
			}
			firmware = fu_nec_odd_firmware_new();
			if (!fu_firmware_parse_bytes(firmware,
						     blob,
						     0x0,
						     FU_FIRMWARE_PARSE_FLAG_NONE,
						     &error))
				g_error("%s", error->message);
			if (kind == BENCH_PARSE_WRITE) {
				blob2 = fu_firmware_write(firmware, &error);
				if (blob2 == NULL)
					g_error("%s", error->message);
			}
		}
		n += 8;
		now = g_get_monotonic_time();
	} while (now < end);
	(void)sink;
	return (gdouble)n * G_USEC_PER_SEC / (gdouble)(now - start);
}

int
main(int argc, char **argv)
{
	gdouble seconds = argc > 2 ? g_ascii_strtod(argv[2], NULL) : 2.0;
	gchar *buf = NULL;
	gsize bufsz = 0;
	g_autoptr(GBytes) blob = NULL;
	g_autoptr(GError) error = NULL;

	if (argc < 2) {
		g_printerr("usage: %s IMAGE.bin [SECONDS]\n", argv[0]);
		return 2;
	}
	if (!g_file_get_contents(argv[1], &buf, &bufsz, &error)) {
		g_printerr("%s\n", error->message);
		return 1;
	}
	blob = g_bytes_new_take(buf, bufsz);
	g_print("{\"image_bytes\": %" G_GSIZE_FORMAT ", \"parse_per_s\": %.1f, "
		"\"parse_write_per_s\": %.1f, \"sum16_per_s\": %.1f}\n",
		bufsz,
		bench_run(blob, BENCH_PARSE, seconds / 3),
		bench_run(blob, BENCH_PARSE_WRITE, seconds / 3),
		bench_run(blob, BENCH_SUM16, seconds / 3));
	return 0;
}
