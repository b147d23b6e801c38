/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-drive.h"

/*
 * A hostile transport: after the drive ran a command, a seeded random choice
 * of answers is replaced by a wrong one (length, data, sense, status, no
 * data, host error). The same seed and the same commands give the same answers.
 */

typedef struct NecSimGarble NecSimGarble;

/* rate_percent: the chance that one answer is garbled, 1..100 */
NecSimGarble *
nec_sim_garble_new(guint32 seed, guint rate_percent);
void
nec_sim_garble_free(NecSimGarble *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NecSimGarble, nec_sim_garble_free)

/* maybe garble the answer the drive gave; result->note names what was done */
void
nec_sim_garble_answer(NecSimGarble *self,
		      NecSimDir dir,
		      guint8 *data,
		      gsize data_len,
		      NecSimResult *result);

/* answers garbled so far */
guint
nec_sim_garble_get_count(NecSimGarble *self);
