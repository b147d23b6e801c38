/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

#include "fu-nec-odd-family.h"

#define FU_TYPE_NEC_ODD_FIRMWARE (fu_nec_odd_firmware_get_type())
G_DECLARE_FINAL_TYPE(FuNecOddFirmware, fu_nec_odd_firmware, FU, NEC_ODD_FIRMWARE, FuFirmware)

FuFirmware *
fu_nec_odd_firmware_new(void);
gboolean
fu_nec_odd_firmware_has_layout(FuNecOddFirmware *self, const FuNecOddFamily *family)
    G_GNUC_NON_NULL(1, 2);
gboolean
fu_nec_odd_firmware_finish_image(const FuNecOddFamily *family,
				 guint8 *buf,
				 gsize bufsz,
				 const gchar *hardware_id,
				 guint16 bootcode,
				 GError **error) G_GNUC_NON_NULL(1, 2, 4);
const FuNecOddFamily *
fu_nec_odd_firmware_get_family(FuNecOddFirmware *self) G_GNUC_NON_NULL(1);
const gchar *
fu_nec_odd_firmware_get_hardware_id(FuNecOddFirmware *self) G_GNUC_NON_NULL(1);
guint16
fu_nec_odd_firmware_get_bootcode(FuNecOddFirmware *self) G_GNUC_NON_NULL(1);
const gchar *
fu_nec_odd_firmware_get_vendor(FuNecOddFirmware *self) G_GNUC_NON_NULL(1);
const gchar *
fu_nec_odd_firmware_get_product(FuNecOddFirmware *self) G_GNUC_NON_NULL(1);
GBytes *
fu_nec_odd_firmware_get_area_data(FuNecOddFirmware *self, const FuNecOddArea *area, GError **error)
    G_GNUC_NON_NULL(1, 2);
gboolean
fu_nec_odd_firmware_get_checksum(FuNecOddFirmware *self,
				 const FuNecOddChecksum *checksum,
				 guint16 *value,
				 GError **error) G_GNUC_NON_NULL(1, 2, 3);
gboolean
fu_nec_odd_firmware_get_byte(FuNecOddFirmware *self, gsize offset, guint8 *value, GError **error)
    G_GNUC_NON_NULL(1, 3);
