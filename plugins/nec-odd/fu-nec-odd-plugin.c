/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-device.h"
#include "fu-nec-odd-firmware.h"

static void
fu_nec_odd_plugin_constructed(GObject *obj)
{
	FuPlugin *plugin = FU_PLUGIN(obj);

	/* the scsi plugin matches the same block devices; this one knows more */
	fu_plugin_add_rule(plugin, FU_PLUGIN_RULE_BETTER_THAN, "scsi");
	fu_plugin_add_device_udev_subsystem(plugin, "block:disk");
	fu_plugin_add_device_gtype(plugin, FU_TYPE_NEC_ODD_DEVICE);
	fu_plugin_add_firmware_gtype(plugin, NULL, FU_TYPE_NEC_ODD_FIRMWARE);
}

/* built as a loadable module for the fwupd the distribution ships */
G_MODULE_EXPORT void
fu_plugin_init_vfuncs(FuPluginVfuncs *vfuncs)
{
	vfuncs->constructed = fu_nec_odd_plugin_constructed;
}
