/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

void
nec_sim_filler_fill(guint8 *buf, gsize bufsz, const gchar *seed);
