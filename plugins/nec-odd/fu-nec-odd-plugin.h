/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

G_DECLARE_FINAL_TYPE(FuNecOddPlugin, fu_nec_odd_plugin, FU, NEC_ODD_PLUGIN, FuPlugin)
