/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-sense.h"

#include <string.h>

/* CHECK CONDITION with fixed-format sense data */
void
nec_sim_sense_set(NecSimResult *result, guint32 sense)
{
	result->status = NEC_SIM_STATUS_CHECK_CONDITION;
	memset(result->sense, 0, sizeof(result->sense));
	result->sense[0] = 0x70; /* current error, fixed format */
	result->sense[2] = (sense >> 16) & 0x0f;
	result->sense[7] = sizeof(result->sense) - 8;
	result->sense[12] = (sense >> 8) & 0xff;
	result->sense[13] = sense & 0xff;
	result->sense_len = sizeof(result->sense);
}

/* 0 when the command succeeded */
guint32
nec_sim_sense_get(const NecSimResult *result)
{
	if (result->status == NEC_SIM_STATUS_GOOD || result->sense_len < 14)
		return 0;
	return ((guint32)(result->sense[2] & 0x0f) << 16) | ((guint32)result->sense[12] << 8) |
	       result->sense[13];
}
