/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

/* what the drive says about itself; untrusted until these pass */
#define FU_NEC_ODD_ANSWER_INQUIRY_SIZE 36

gboolean
fu_nec_odd_answer_parse_inquiry(const guint8 *buf,
				gsize bufsz,
				gchar **product,
				gchar **revision,
				GError **error) G_GNUC_NON_NULL(1);
gboolean
fu_nec_odd_answer_parse_bootcode(const gchar *revision, guint16 *bootcode, GError **error)
    G_GNUC_NON_NULL(1, 2);
gchar *
fu_nec_odd_answer_parse_hardware_id(const guint8 *buf, gsize bufsz, GError **error)
    G_GNUC_NON_NULL(1);
