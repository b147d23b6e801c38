/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-firmware.h"

/* placeholder until the parser lands */
struct _FuNecOddFirmware {
	FuFirmware parent_instance;
};

G_DEFINE_TYPE(FuNecOddFirmware, fu_nec_odd_firmware, FU_TYPE_FIRMWARE)

static void
fu_nec_odd_firmware_init(FuNecOddFirmware *self)
{
}

static void
fu_nec_odd_firmware_class_init(FuNecOddFirmwareClass *klass)
{
}
