/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

/* registers the per-family cases of nec-sim-self-test */
void
nec_sim_self_test_family_add(void);
