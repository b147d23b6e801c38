/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-fuzzer.h"
#include "nec-sim-image.h"
#include "nec-sim-model.h"

/*
 * The seed corpus of the fuzzer, made in memory: the builder XML, synthetic images
 * of the simulator, and small or broken ones. Each seed is run through the fuzz
 * target once (a regression test in every build); with OUTDIR they are also saved.
 *   nec-odd-fuzz-seeds BUILDER.XML [OUTDIR]
 */

#define BODY_SIZE     0xFA000
#define CHECKSUM_ADDR 0xF9FFE

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

static void
seed_add_bytes(const gchar *outdir, const gchar *name, GBytes *blob)
{
	seed_add(outdir, name, g_bytes_get_data(blob, NULL), g_bytes_get_size(blob));
}

/* a copy of IMAGE with LEN bytes of PATCH at OFFSET, checksum kept valid if asked */
static void
seed_add_patched(const gchar *outdir,
		 const gchar *name,
		 GBytes *image,
		 gsize offset,
		 const gchar *patch,
		 gsize len,
		 gboolean fix_checksum)
{
	g_autoptr(GByteArray) buf = g_byte_array_new();

	g_byte_array_append(buf, g_bytes_get_data(image, NULL), g_bytes_get_size(image));
	g_assert_cmpuint(offset + len, <=, buf->len);
	memcpy(buf->data + offset, patch, len);
	if (fix_checksum) {
		guint16 sum = fu_sum16w(buf->data, CHECKSUM_ADDR, G_BIG_ENDIAN);
		fu_memwrite_uint16(buf->data + CHECKSUM_ADDR, sum, G_BIG_ENDIAN);
	}
	seed_add(outdir, name, buf->data, buf->len);
}

int
main(int argc, char **argv)
{
	const gchar *outdir = argc > 2 ? argv[2] : NULL;
	const guint8 ff[4096] = {[0 ... 4095] = 0xFF};
	const gsize inq = 0x20000 + 394; /* vendor, product, revision after the magic */
	g_autoptr(FuFirmware) built = fu_nec_odd_firmware_new();
	g_autoptr(GBytes) blob = NULL;
	g_autoptr(GBytes) image = NULL;
	g_autoptr(GBytes) image_nobc = NULL;
	g_autoptr(GError) error = NULL;

	if (argc < 2) {
		g_printerr("usage: %s BUILDER.XML [OUTDIR]\n", argv[0]);
		return 2;
	}
	if (outdir != NULL && g_mkdir_with_parents(outdir, 0755) != 0)
		g_error("cannot create %s", outdir);

	/* the builder XML of the self tests */
	if (!fu_firmware_build_from_filename(built, argv[1], &error))
		g_error("%s", error->message);
	blob = fu_firmware_write(built, &error);
	if (blob == NULL)
		g_error("%s", error->message);
	seed_add_bytes(outdir, "builder.bin", blob);

	/* the simulator's synthetic images, as build/tests/firmware/ has them */
	for (guint i = 0; i < 3; i++) {
		const gchar *models[] = {"ND-3520A", "ND-3540A", "ND-3520A"};
		const gchar *versions[] = {"3.04", "1.01", "1.UC"};
		g_autofree gchar *name = g_strdup_printf("%s-%s.bin", models[i], versions[i]);
		g_autofree gchar *name_nobc =
		    g_strdup_printf("%s-%s-nobootcode.bin", models[i], versions[i]);
		g_autoptr(GBytes) tmp =
		    nec_sim_image_new(nec_sim_model_find(models[i]), versions[i], TRUE, &error);
		g_autoptr(GBytes) tmp_nobc =
		    nec_sim_image_new(nec_sim_model_find(models[i]), versions[i], FALSE, &error);
		g_assert_nonnull(tmp);
		g_assert_nonnull(tmp_nobc);
		seed_add_bytes(outdir, name, tmp);
		seed_add_bytes(outdir, name_nobc, tmp_nobc);
		if (i == 0) {
			image = g_bytes_ref(tmp);
			image_nobc = g_bytes_ref(tmp_nobc);
		}
	}

	/* small and wrong-sized */
	seed_add(outdir, "empty.bin", (const guint8 *)"", 0);
	seed_add(outdir, "hwid.bin", (const guint8 *)"K352", 4);
	seed_add(outdir, "ff-4k.bin", ff, sizeof(ff));
	seed_add(outdir,
		 "truncated.bin",
		 g_bytes_get_data(image, NULL),
		 g_bytes_get_size(image) - 1);
	seed_add(outdir, "body-only.bin", g_bytes_get_data(image, NULL), BODY_SIZE);
	{
		g_autoptr(GByteArray) buf = g_byte_array_new();
		g_byte_array_append(buf, g_bytes_get_data(image, NULL), g_bytes_get_size(image));
		fu_byte_array_append_uint8(buf, 0x00);
		seed_add(outdir, "one-too-many.bin", buf->data, buf->len);
	}

	/* the right size, broken inside */
	seed_add_patched(outdir, "bad-checksum.bin", image, 0x100, "\x42", 1, FALSE);
	seed_add_patched(outdir, "unknown-hwid.bin", image, BODY_SIZE, "X999", 4, FALSE);
	seed_add_patched(outdir, "hwid-nul.bin", image, BODY_SIZE, "K3\0\0", 4, FALSE);
	seed_add_patched(outdir, "hwid-other.bin", image_nobc, BODY_SIZE, "K354", 4, FALSE);
	seed_add_patched(outdir, "bad-bootcode.bin", image, BODY_SIZE + 4, "0A", 2, FALSE);
	seed_add_patched(outdir,
			 "two-signatures.bin",
			 image,
			 0x40000,
			 "\x07\x00\x03\x00\x78\x00\x78\x00\x78\x00",
			 10,
			 TRUE);
	seed_add_patched(outdir, "no-signature.bin", image, 0x20000, "\x00", 1, TRUE);
	seed_add_patched(outdir,
			 "signature-at-end.bin",
			 image,
			 CHECKSUM_ADDR - 100,
			 "\x07\x00\x03\x00\x78\x00\x78\x00\x78\x00",
			 10,
			 TRUE);
	seed_add_patched(outdir, "oem-vendor.bin", image, inq, "IBM     ", 8, TRUE);
	seed_add_patched(outdir, "revision-space.bin", image, inq + 24, "3.0 ", 4, TRUE);
	seed_add_patched(outdir, "revision-nul.bin", image, inq + 24, "3\0\0\0", 4, TRUE);
	seed_add_patched(outdir, "product-ctrl.bin", image, inq + 8, "DVD\x01", 4, TRUE);
	seed_add_patched(outdir, "product-empty.bin", image, inq + 8, "                ", 16, TRUE);

	g_print("%u seeds run through the fuzz target%s%s\n",
		n_seeds,
		outdir != NULL ? ", saved in " : "",
		outdir != NULL ? outdir : "");
	return 0;
}
