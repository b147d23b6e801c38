/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <umockdev.h>

/*
 * The sysfs tree of SCSI block devices behind an AHCI controller, as the
 * kernel and udev present them, so that fwupd's udev backend finds them.
 */

typedef struct {
	const gchar *name; /* block device: "sr0" */
	guint host;	   /* SCSI host number; the ATA port is host + 1 */
	guint major;
	guint minor;
	guint type;	       /* SCSI peripheral device type: 5 CD/DVD, 0 disk */
	const gchar *vendor;   /* 8 chars, space padded, as sysfs shows it */
	const gchar *model;    /* 16 chars */
	const gchar *revision; /* 4 chars */
} NecSimTestbedDevice;

UMockdevTestbed *
nec_sim_testbed_new(GError **error);
gboolean
nec_sim_testbed_add_device(UMockdevTestbed *testbed,
			   const NecSimTestbedDevice *device,
			   GError **error);
gboolean
nec_sim_testbed_add_sg(UMockdevTestbed *testbed,
		       const NecSimTestbedDevice *device,
		       guint sg,
		       GError **error);
gboolean
nec_sim_testbed_media_change(UMockdevTestbed *testbed,
			     const NecSimTestbedDevice *device,
			     GError **error);
