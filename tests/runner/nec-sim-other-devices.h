/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-drive.h"
#include "nec-sim-testbed.h"

/*
 * Devices the plugin must leave alone: a DVD writer of another vendor and a
 * SATA disk. They answer INQUIRY and TEST UNIT READY only, so a trace shows
 * anything else that was sent to them.
 */

typedef struct {
	NecSimTestbedDevice sysfs;
	gboolean ready; /* TEST UNIT READY answers GOOD: a disk, or a loaded tray */
} NecSimOtherDevice;

const NecSimOtherDevice *
nec_sim_other_devices_get(guint *n_devices);

/* a NecSimSgioFunc; user_data is the const NecSimOtherDevice */
void
nec_sim_other_device_execute(gpointer user_data,
			     const guint8 *cdb,
			     gsize cdb_len,
			     NecSimDir dir,
			     guint8 *data,
			     gsize data_len,
			     guint timeout_ms,
			     NecSimResult *result);
