/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-plugin.h"

/* the distribution's fwupd loads a plugin it was not built with as a module: it
 * passes a zeroed FuPluginClass and calls the vfuncs on a plain FuPlugin */
G_MODULE_EXPORT void
fu_plugin_init_vfuncs(FuPluginVfuncs *vfuncs)
{
	FuPluginClass *klass = g_type_class_ref(fu_nec_odd_plugin_get_type());
	gsize offset = G_STRUCT_OFFSET(FuPluginClass, constructed);

	/* every vfunc the plugin type sets; the GObject part and signals stay the engine's */
	memcpy((guint8 *)vfuncs + offset, (guint8 *)klass + offset, sizeof(FuPluginClass) - offset);
	g_type_class_unref(klass);
}
