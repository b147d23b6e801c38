/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-fuzzer.h"

/*
 * The seed corpus of the fuzzer, made in memory: for every family, the image its
 * builder XML makes, with and without the bootcode version, and broken copies of it
 * (each checksummed part damaged, trailer, sizes, signature, INQUIRY strings); then
 * small inputs. Each seed is run through the fuzz target once (a regression test in
 * every build); with OUTDIR they are also saved.
 *   nec-odd-fuzz-seeds OUTDIR|- BUILDER.XML...
 */

static guint n_seeds = 0;

static void
seed_add(const gchar *outdir, const gchar *name, const guint8 *buf, gsize bufsz)
{
	g_autoptr(GError) error = NULL;

	LLVMFuzzerTestOneInput(buf, bufsz);
	n_seeds++;
	if (outdir != NULL) {
		g_autofree gchar *fn = g_build_filename(outdir, name, NULL);
		if (!g_file_set_contents(fn, (const gchar *)buf, bufsz, &error))
			g_error("%s", error->message);
	}
}

/* the family's checksum words, recomputed as the builder does */
static void
seed_fix_checksums(const FuNecOddFamily *family, GByteArray *buf)
{
	for (guint i = 0; i < family->n_areas; i++) {
		for (guint j = 0; j < family->areas[i].n_checksums; j++) {
			const FuNecOddChecksum *cs = &family->areas[i].checksums[j];
			guint16 sum = fu_sum16w(buf->data + cs->sum_offset,
						cs->word_offset - cs->sum_offset,
						G_BIG_ENDIAN);
			fu_memwrite_uint16(buf->data + cs->word_offset, sum, G_BIG_ENDIAN);
		}
	}
}

/* a copy of IMAGE with LEN bytes of PATCH at OFFSET, checksums kept valid if asked */
static void
seed_add_patched(const gchar *outdir,
		 const FuNecOddFamily *family,
		 const gchar *name,
		 GBytes *image,
		 gsize offset,
		 const gchar *patch,
		 gsize len,
		 gboolean fix_checksums)
{
	g_autofree gchar *fn = g_strdup_printf("%s-%s.bin", family->name, name);
	g_autoptr(GByteArray) buf = g_byte_array_new();

	fu_byte_array_append_bytes(buf, image);
	g_assert_cmpuint(offset + len, <=, buf->len);
	memcpy(buf->data + offset, patch, len); /* nocheck:blocked */
	if (fix_checksums)
		seed_fix_checksums(family, buf);
	seed_add(outdir, fn, buf->data, buf->len);
}

/* IMAGE cut or grown to SIZE bytes */
static void
seed_add_resized(const gchar *outdir,
		 const FuNecOddFamily *family,
		 const gchar *name,
		 GBytes *image,
		 gsize size)
{
	g_autofree gchar *fn = g_strdup_printf("%s-%s.bin", family->name, name);
	g_autoptr(GByteArray) buf = g_byte_array_new();

	fu_byte_array_append_bytes(buf, image);
	fu_byte_array_set_size(buf, size, 0x00);
	seed_add(outdir, fn, buf->data, buf->len);
}

static void
seed_add_family(const gchar *outdir, const gchar *filename)
{
	const FuNecOddFamily *family;
	gsize sig = 0x20000;   /* the builder's signature offset in the first area */
	gsize inq = sig + 394; /* vendor, product, revision after the magic */
	g_autofree gchar *fn = NULL;
	g_autofree gchar *fn_nobc = NULL;
	g_autoptr(FuFirmware) built = fu_nec_odd_firmware_new();
	g_autoptr(FuFirmware) parsed = fu_nec_odd_firmware_new();
	g_autoptr(GBytes) image = NULL;
	g_autoptr(GBytes) image_nobc = NULL;
	g_autoptr(GError) error = NULL;

	if (!fu_firmware_build_from_filename(built, filename, &error))
		g_error("%s: %s", filename, error->message);
	image = fu_firmware_write(built, &error);
	if (image == NULL)
		g_error("%s: %s", filename, error->message);
	family = fu_nec_odd_firmware_get_family(FU_NEC_ODD_FIRMWARE(built));
	g_assert_nonnull(family);
	g_assert_cmpuint(g_bytes_get_size(image), ==, family->image_size + 2);
	image_nobc = g_bytes_new_from_bytes(image, 0x0, family->image_size);

	/* the seed must reach the family's own checks, not stop at an error */
	if (!fu_firmware_parse_bytes(parsed, image, 0x0, FU_FIRMWARE_PARSE_FLAG_NONE, &error))
		g_error("%s: the built image does not parse: %s", filename, error->message);
	if (fu_nec_odd_firmware_get_family(FU_NEC_ODD_FIRMWARE(parsed)) != family)
		g_error("%s: the built image parses as another family", filename);

	/* the valid images */
	fn = g_strdup_printf("%s.bin", family->name);
	seed_add(outdir, fn, g_bytes_get_data(image, NULL), g_bytes_get_size(image));
	fn_nobc = g_strdup_printf("%s-nobootcode.bin", family->name);
	seed_add(outdir, fn_nobc, g_bytes_get_data(image_nobc, NULL), family->image_size);

	/* sizes */
	seed_add_resized(outdir, family, "truncated", image, family->image_size - 1);
	seed_add_resized(outdir, family, "one-too-many", image, family->image_size + 3);
	seed_add_resized(outdir, family, "first-part-only", image, family->areas[0].size);

	/* every checksummed part damaged, one at a time */
	for (guint i = 0; i < family->n_areas; i++) {
		for (guint j = 0; j < family->areas[i].n_checksums; j++) {
			const FuNecOddChecksum *cs = &family->areas[i].checksums[j];
			g_autofree gchar *name =
			    g_strdup_printf("bad-checksum-0x%x", (guint)cs->word_offset);
			seed_add_patched(outdir,
					 family,
					 name,
					 image,
					 cs->sum_offset + 0x100,
					 "\x42",
					 1,
					 FALSE);
		}
	}

	/* trailer */
	seed_add_patched(outdir, family, "hwid-nul", image, family->id_offset, "K3\0\0", 4, FALSE);
	seed_add_patched(outdir,
			 family,
			 "hwid-other",
			 image_nobc,
			 family->id_offset,
			 "K354",
			 4,
			 FALSE);
	seed_add_patched(outdir, family, "bad-bootcode", image, family->image_size, "0A", 2, FALSE);
	if (family->id_copy_offset != 0) {
		seed_add_patched(outdir,
				 family,
				 "hwid-copy-ff",
				 image,
				 family->id_copy_offset,
				 "\xff\xff\xff\xff",
				 4,
				 FALSE);
	}

	/* signature and INQUIRY strings */
	seed_add_patched(outdir,
			 family,
			 "two-signatures",
			 image,
			 family->areas[family->n_areas - 1].file_offset + 0x1000,
			 "\x07\x00\x03\x00\x78\x00\x78\x00\x78\x00",
			 10,
			 TRUE);
	seed_add_patched(outdir, family, "no-signature", image, sig, "\x00", 1, TRUE);
	seed_add_patched(outdir,
			 family,
			 "signature-at-end",
			 image,
			 family->areas[0].size - 100,
			 "\x07\x00\x03\x00\x78\x00\x78\x00\x78\x00",
			 10,
			 TRUE);
	seed_add_patched(outdir, family, "oem-vendor", image, inq, "IBM     ", 8, TRUE);
	seed_add_patched(outdir, family, "revision-space", image, inq + 24, "3.0 ", 4, TRUE);
	seed_add_patched(outdir, family, "revision-nul", image, inq + 24, "3\0\0\0", 4, TRUE);
	seed_add_patched(outdir, family, "product-ctrl", image, inq + 8, "DVD\x01", 4, TRUE);
	seed_add_patched(outdir,
			 family,
			 "product-empty",
			 image,
			 inq + 8,
			 "                ",
			 16,
			 TRUE);
}

int
main(int argc, char **argv)
{
	const gchar *outdir = NULL;
	const guint8 ff[4096] = {[0 ... 4095] = 0xFF};

	if (argc < 3) {
		g_printerr("usage: %s OUTDIR|- BUILDER.XML...\n", argv[0]);
		return 2;
	}
	if (g_strcmp0(argv[1], "-") != 0) {
		outdir = argv[1];
		if (g_mkdir_with_parents(outdir, 0755) != 0)
			g_error("cannot create %s", outdir);
	}

	/* every family */
	for (gint i = 2; i < argc; i++)
		seed_add_family(outdir, argv[i]);

	/* small */
	seed_add(outdir, "empty.bin", (const guint8 *)"", 0);
	seed_add(outdir, "hwid.bin", (const guint8 *)"K352", 4);
	seed_add(outdir, "ff-4k.bin", ff, sizeof(ff));

	g_print("%u seeds from %d families run through the fuzz target%s%s\n",
		n_seeds,
		argc - 2,
		outdir != NULL ? ", saved in " : "",
		outdir != NULL ? outdir : "");
	return 0;
}
