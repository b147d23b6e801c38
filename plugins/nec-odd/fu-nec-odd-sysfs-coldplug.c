/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-device.h"
#include "fu-nec-odd-sysfs-coldplug.h"

/*
 * fwupd 2.0.20's udev backend binds its netlink socket to the process ID; when
 * libusb 1.0.26 has already opened its own udev monitor the kernel gave that port
 * away, the bind fails with EADDRINUSE and the engine disables the whole udev
 * backend ("failed to setup backend udev"), so no block device is ever offered to
 * a plugin (fwupd issue 8083, fixed upstream by pull request 10422, which claims
 * the socket before libusb). The drive is then found here instead: the optical
 * block devices of sysfs, each handed to the same probe the backend would use.
 */

static void
fu_nec_odd_sysfs_coldplug_one(FuPlugin *plugin, FuBackend *backend, const gchar *sysfs_path)
{
	FuContext *ctx = fu_plugin_get_context(plugin);
	g_autoptr(FuUdevDevice) donor = NULL;
	g_autoptr(FuDevice) block = NULL;
	g_autoptr(FuDevice) device = NULL;
	g_autoptr(FuDeviceLocker) locker = NULL;
	g_autoptr(GError) error_local = NULL;

	/* what the udev backend creates for a block:disk device: a donor probed
	 * for its subsystem and devtype, then the block device probed in turn */
	donor = g_object_new(FU_TYPE_UDEV_DEVICE, "context", ctx, "backend-id", sysfs_path, NULL);
	if (!fu_device_probe(FU_DEVICE(donor), &error_local)) {
		g_debug("ignoring %s: %s", sysfs_path, error_local->message);
		return;
	}
	if (g_strcmp0(fu_udev_device_get_subsystem(donor), "block") != 0 ||
	    g_strcmp0(fu_udev_device_get_devtype(donor), "disk") != 0) {
		g_debug("ignoring %s: not a block:disk device", sysfs_path);
		return;
	}
	block = g_object_new(FU_TYPE_BLOCK_DEVICE, "context", ctx, "backend", backend, NULL);
	fu_device_incorporate(block, FU_DEVICE(donor), FU_DEVICE_INCORPORATE_FLAG_ALL);
	if (!fu_device_probe(block, &error_local)) {
		g_debug("ignoring %s: %s", sysfs_path, error_local->message);
		return;
	}

	/* as fwupd adds a backend device to a plugin: the same probe decides */
	device = g_object_new(FU_TYPE_NEC_ODD_DEVICE, "context", ctx, NULL);
	fu_device_incorporate(device, block, FU_DEVICE_INCORPORATE_FLAG_ALL);
	locker = fu_device_locker_new(device, &error_local);
	if (locker == NULL) {
		if (g_error_matches(error_local, FWUPD_ERROR, FWUPD_ERROR_NOT_SUPPORTED))
			g_debug("ignoring %s: %s", sysfs_path, error_local->message);
		else
			g_warning("failed to add %s: %s", sysfs_path, error_local->message);
		return;
	}
	fu_plugin_device_add(plugin, device);
}

gboolean
fu_nec_odd_sysfs_coldplug(FuPlugin *plugin, FuProgress *progress, GError **error)
{
	FuContext *ctx = fu_plugin_get_context(plugin);
	const gchar *basename;
	g_autofree gchar *sysfsdir = fu_path_from_kind(FU_PATH_KIND_SYSFSDIR);
	g_autofree gchar *class_dir = g_build_filename(sysfsdir, "class", "block", NULL);
	g_autoptr(FuBackend) backend = NULL;
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GError) error_dir = NULL;
	g_autoptr(GError) error_local = NULL;

	/* the backend works: it offers the drive itself, which is then listed once */
	backend = fu_context_get_backend_by_name(ctx, "udev", &error_local);
	if (backend == NULL) {
		g_debug("no fallback: %s", error_local->message);
		return TRUE;
	}
	if (fu_backend_get_enabled(backend))
		return TRUE;
	g_info("the udev backend is disabled: enumerating %s/sr* directly", class_dir);

	dir = g_dir_open(class_dir, 0, &error_dir);
	if (dir == NULL) {
		g_debug("no block devices: %s", error_dir->message);
		return TRUE;
	}
	while ((basename = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *fn = NULL;
		g_autofree gchar *fn_real = NULL;
		g_autoptr(GError) error_path = NULL;

		/* the kernel names optical drives srN */
		if (!g_str_has_prefix(basename, "sr"))
			continue;
		fn = g_build_filename(class_dir, basename, NULL);
		fn_real = fu_path_make_absolute(fn, &error_path);
		if (fn_real == NULL) {
			g_debug("ignoring %s: %s", fn, error_path->message);
			continue;
		}
		fu_nec_odd_sysfs_coldplug_one(plugin, backend, fn_real);
	}
	return TRUE;
}
