/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>

#include "nec-sim-image.h"

/* writes a synthetic .BIN image: test data only, never NEC code */
int
main(int argc, char **argv)
{
	gboolean no_bootcode = FALSE;
	g_autofree gchar *model_name = NULL;
	g_autofree gchar *version = NULL;
	g_autofree gchar *output = NULL;
	g_autoptr(GBytes) image = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GOptionContext) context = g_option_context_new("- synthesise an NEC .BIN image");
	const NecSimModel *model;
	const GOptionEntry entries[] = {
	    {"model", 'm', 0, G_OPTION_ARG_STRING, &model_name, "Drive model", "ND-3520A"},
	    {"version", 'v', 0, G_OPTION_ARG_STRING, &version, "4-character revision", "3.04"},
	    {"no-bootcode",
	     '\0',
	     0,
	     G_OPTION_ARG_NONE,
	     &no_bootcode,
	     "Omit the 2-byte bootcode version",
	     NULL},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file", "FILE.bin"},
	    {NULL}};

	g_option_context_add_main_entries(context, entries, NULL);
	if (!g_option_context_parse(context, &argc, &argv, &error)) {
		g_printerr("%s\n", error->message);
		return EXIT_FAILURE;
	}
	if (version == NULL || output == NULL) {
		g_printerr("--version and --output are required\n");
		return EXIT_FAILURE;
	}
	model = nec_sim_model_find(model_name);
	if (model == NULL) {
		g_printerr("unknown model %s\n", model_name);
		return EXIT_FAILURE;
	}
	image = nec_sim_image_new(model, version, !no_bootcode, &error);
	if (image == NULL) {
		g_printerr("%s\n", error->message);
		return EXIT_FAILURE;
	}
	if (!g_file_set_contents(output,
				 g_bytes_get_data(image, NULL),
				 (gssize)g_bytes_get_size(image),
				 &error)) {
		g_printerr("%s\n", error->message);
		return EXIT_FAILURE;
	}
	g_print("wrote %s: %s %s, %" G_GSIZE_FORMAT " bytes\n",
		output,
		model->name,
		version,
		g_bytes_get_size(image));
	return EXIT_SUCCESS;
}
