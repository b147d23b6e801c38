/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

gboolean
fu_nec_odd_sysfs_coldplug(FuPlugin *plugin, FuProgress *progress, GError **error)
    G_GNUC_NON_NULL(1, 2);
