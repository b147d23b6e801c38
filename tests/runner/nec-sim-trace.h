/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-drive.h"

/*
 * One line per SG_IO command on any emulated device, flushed at once, so a
 * test can read what the program under test sent even if it crashed.
 */

typedef struct NecSimTrace NecSimTrace;

NecSimTrace *
nec_sim_trace_new(const gchar *path, GError **error);
void
nec_sim_trace_free(NecSimTrace *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NecSimTrace, nec_sim_trace_free)

void
nec_sim_trace_command(NecSimTrace *self,
		      const gchar *devname,
		      const guint8 *cdb,
		      gsize cdb_len,
		      NecSimDir dir,
		      gsize data_len,
		      const NecSimResult *result);
