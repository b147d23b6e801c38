/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-filler.h"

/*
 * Deterministic stand-in for NEC code and calibration data: FNV-1a of the
 * seed string drives a xorshift32 generator, so the same seed gives the same
 * bytes on every host.
 */
void
nec_sim_filler_fill(guint8 *buf, gsize bufsz, const gchar *seed)
{
	guint32 x = 0x811c9dc5;

	for (const gchar *p = seed; *p != '\0'; p++) {
		x ^= (guint8)*p;
		x *= 0x01000193;
	}
	if (x == 0)
		x = 1;
	for (gsize i = 0; i < bufsz; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (guint8)(x >> 24);
	}
}
