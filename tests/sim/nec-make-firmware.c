/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>

#include "nec-sim-image.h"

static int
nec_make_firmware_list(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) models = nec_sim_model_get_all(&error);

	if (models == NULL) {
		g_printerr("%s\n", error->message);
		return EXIT_FAILURE;
	}
	for (guint i = 0; i < models->len; i++) {
		const NecSimModel *model = g_ptr_array_index(models, i);
		g_print("%s %s %s %s\n", model->name, model->family->name, model->hwid, model->key);
	}
	return EXIT_SUCCESS;
}

/* writes a synthetic .BIN image: test data only, never NEC code */
int
main(int argc, char **argv)
{
	gboolean list = FALSE;
	NecSimImageOptions opts = {0};
	g_autofree gchar *model_name = NULL;
	g_autofree gchar *version = NULL;
	g_autofree gchar *hwid = NULL;
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
	     &opts.no_bootcode,
	     "Omit the 2-byte bootcode version",
	     NULL},
	    {"hwid",
	     '\0',
	     0,
	     G_OPTION_ARG_STRING,
	     &hwid,
	     "Trailer ID instead of the model's canonical key (4 characters)",
	     "K312"},
	    {"laptop-slave",
	     '\0',
	     0,
	     G_OPTION_ARG_NONE,
	     &opts.laptop_slave,
	     "Slim models: the slave connection byte instead of the master one",
	     NULL},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file", "FILE.bin"},
	    {"list",
	     '\0',
	     0,
	     G_OPTION_ARG_NONE,
	     &list,
	     "Print every model: name, family, hardware ID, key",
	     NULL},
	    {NULL}};

	g_option_context_add_main_entries(context, entries, NULL);
	if (!g_option_context_parse(context, &argc, &argv, &error)) {
		g_printerr("%s\n", error->message);
		return EXIT_FAILURE;
	}
	if (list)
		return nec_make_firmware_list();
	if (version == NULL || output == NULL) {
		g_printerr("--version and --output are required\n");
		return EXIT_FAILURE;
	}
	model = nec_sim_model_find(model_name, &error);
	if (model == NULL) {
		g_printerr("%s\n", error->message);
		return EXIT_FAILURE;
	}
	if (opts.laptop_slave && !model->slim) {
		g_printerr("--laptop-slave: %s is not a slim drive\n", model->name);
		return EXIT_FAILURE;
	}
	opts.hwid = hwid;
	image = nec_sim_image_new_full(model, version, &opts, &error);
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
	g_print("wrote %s: %s %s (%s, %s), %" G_GSIZE_FORMAT " bytes\n",
		output,
		model->name,
		version,
		model->family->name,
		hwid != NULL ? hwid : model->key,
		g_bytes_get_size(image));
	return EXIT_SUCCESS;
}
