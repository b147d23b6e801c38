/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <umockdev.h>

#include "nec-sim-drive.h"
#include "nec-sim-trace.h"

/*
 * Serves one emulated /dev node the way the kernel's SCSI block layer does:
 * SG_IO plus the generic sg ioctls, everything else ENOTTY; a node named sgN
 * answers the generic ioctls as the sg driver does.
 */

#define NEC_SIM_TYPE_SGIO (nec_sim_sgio_get_type())
G_DECLARE_FINAL_TYPE(NecSimSgio, nec_sim_sgio, NEC_SIM, SGIO, UMockdevIoctlBase)

/* runs one CDB on the emulated device, same contract as nec_sim_drive_execute_timed() */
typedef void (*NecSimSgioFunc)(gpointer user_data,
			       const guint8 *cdb,
			       gsize cdb_len,
			       NecSimDir dir,
			       guint8 *data,
			       gsize data_len,
			       guint timeout_ms,
			       NecSimResult *result);

NecSimSgio *
nec_sim_sgio_new(const gchar *devname, NecSimSgioFunc func, gpointer user_data, NecSimTrace *trace);
