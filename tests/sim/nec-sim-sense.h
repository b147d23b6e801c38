/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-drive.h"

/* sense key, ASC and ASCQ packed as 0xKKAAQQ */
#define NEC_SIM_SENSE_NOT_READY_NO_MEDIUM	   0x023A00
#define NEC_SIM_SENSE_NOT_READY_BECOMING_READY	   0x020401
#define NEC_SIM_SENSE_HARDWARE_INTERNAL_FAILURE	   0x044400
#define NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE	   0x052000
#define NEC_SIM_SENSE_ILLEGAL_REQUEST_ADDRESS	   0x052100
#define NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD	   0x052400
#define NEC_SIM_SENSE_ILLEGAL_REQUEST_PARAMETER	   0x052602
#define NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE	   0x052C00
#define NEC_SIM_SENSE_ILLEGAL_REQUEST_NO_SAVING	   0x053900
#define NEC_SIM_SENSE_UNIT_ATTENTION_POWER_ON	   0x062900
#define NEC_SIM_SENSE_DATA_PROTECT_WRITE_PROTECTED 0x072700

void
nec_sim_sense_set(NecSimResult *result, guint32 sense);
guint32
nec_sim_sense_get(const NecSimResult *result);
