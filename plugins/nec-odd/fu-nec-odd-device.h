/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

#define FU_TYPE_NEC_ODD_DEVICE (fu_nec_odd_device_get_type())
G_DECLARE_FINAL_TYPE(FuNecOddDevice, fu_nec_odd_device, FU, NEC_ODD_DEVICE, FuUdevDevice)

gboolean
fu_nec_odd_device_refresh_disc(FuNecOddDevice *self, GError **error) G_GNUC_NON_NULL(1);
