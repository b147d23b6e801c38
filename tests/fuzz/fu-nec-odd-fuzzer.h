/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

int
LLVMFuzzerTestOneInput(const guint8 *data, gsize size); /* nocheck:name */
