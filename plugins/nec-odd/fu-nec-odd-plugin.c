/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-device.h"
#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-plugin.h"

struct _FuNecOddPlugin {
	FuPlugin parent_instance;
};

G_DEFINE_TYPE(FuNecOddPlugin, fu_nec_odd_plugin, FU_TYPE_PLUGIN)

static void
fu_nec_odd_plugin_init(FuNecOddPlugin *self)
{
}

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

static void
fu_nec_odd_plugin_class_init(FuNecOddPluginClass *klass)
{
	FuPluginClass *plugin_class = FU_PLUGIN_CLASS(klass);
	plugin_class->constructed = fu_nec_odd_plugin_constructed;
}
