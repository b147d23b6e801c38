/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-device.h"
#include "fu-nec-odd-firmware.h"
#include "fu-nec-odd-model.h"
#include "fu-nec-odd-plugin.h"
#include "fu-nec-odd-sysfs-coldplug.h"

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

	/* nec-odd.quirk: one section per hardware ID */
	fu_nec_odd_model_add_quirk_keys(fu_plugin_get_context(plugin));

	/* the scsi plugin matches the same block devices; this one knows more */
	fu_plugin_add_rule(plugin, FU_PLUGIN_RULE_BETTER_THAN, "scsi");
	fu_plugin_add_device_udev_subsystem(plugin, "block:disk");
	fu_plugin_add_device_gtype(plugin, FU_TYPE_NEC_ODD_DEVICE);
	fu_plugin_add_firmware_gtype(plugin, NULL, FU_TYPE_NEC_ODD_FIRMWARE);
}

/* a change uevent of a block device: the engine does not pass it on to the
 * device the plugin made from it, so find that by its sysfs path */
static gboolean
fu_nec_odd_plugin_backend_device_changed(FuPlugin *plugin, FuDevice *device, GError **error)
{
	GPtrArray *devices = fu_plugin_get_devices(plugin);

	if (!FU_IS_UDEV_DEVICE(device))
		return TRUE;
	for (guint i = 0; i < devices->len; i++) {
		FuDevice *device_tmp = g_ptr_array_index(devices, i);
		if (!FU_IS_NEC_ODD_DEVICE(device_tmp))
			continue;
		if (g_strcmp0(fu_udev_device_get_sysfs_path(FU_UDEV_DEVICE(device_tmp)),
			      fu_udev_device_get_sysfs_path(FU_UDEV_DEVICE(device))) != 0)
			continue;
		return fu_nec_odd_device_refresh_disc(FU_NEC_ODD_DEVICE(device_tmp), error);
	}
	return TRUE;
}

static void
fu_nec_odd_plugin_class_init(FuNecOddPluginClass *klass)
{
	FuPluginClass *plugin_class = FU_PLUGIN_CLASS(klass);
	plugin_class->constructed = fu_nec_odd_plugin_constructed;
	plugin_class->coldplug = fu_nec_odd_sysfs_coldplug;
	plugin_class->backend_device_changed = fu_nec_odd_plugin_backend_device_changed;
}
