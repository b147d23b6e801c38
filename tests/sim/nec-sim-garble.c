/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-garble.h"

#include <string.h>

struct NecSimGarble {
	GRand *rand;
	guint rate_percent;
	guint count;
};

typedef enum {
	NEC_SIM_GARBLE_RESID,
	NEC_SIM_GARBLE_DATA,
	NEC_SIM_GARBLE_SENSE,
	NEC_SIM_GARBLE_STATUS,
	NEC_SIM_GARBLE_NO_DATA,
	NEC_SIM_GARBLE_HOST,
	NEC_SIM_GARBLE_LAST,
} NecSimGarbleKind;

/* SAM status bytes other than GOOD and CHECK CONDITION */
static const guint8 nec_sim_garble_statuses[] = {
    0x04, /* CONDITION MET */
    0x08, /* BUSY */
    0x18, /* RESERVATION CONFLICT */
    0x22, /* COMMAND TERMINATED */
    0x28, /* TASK SET FULL */
    0x30, /* ACA ACTIVE */
    0x40, /* TASK ABORTED */
    0xFF, /* nonsense */
};

/* DID_NO_CONNECT, BUS_BUSY, TIME_OUT, BAD_TARGET, ABORT, PARITY, ERROR, RESET */
static const guint8 nec_sim_garble_hosts[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};

NecSimGarble *
nec_sim_garble_new(guint32 seed, guint rate_percent)
{
	NecSimGarble *self = g_new0(NecSimGarble, 1);
	self->rand = g_rand_new_with_seed(seed);
	self->rate_percent = CLAMP(rate_percent, 1, 100);
	return self;
}

void
nec_sim_garble_free(NecSimGarble *self)
{
	g_rand_free(self->rand);
	g_free(self);
}

guint
nec_sim_garble_get_count(NecSimGarble *self)
{
	return self->count;
}

static void
nec_sim_garble_random_bytes(NecSimGarble *self, guint8 *buf, gsize len)
{
	for (gsize i = 0; i < len; i++)
		buf[i] = (guint8)g_rand_int_range(self->rand, 0, 256);
}

/* CHECK CONDITION with random sense: fixed, descriptor, or neither, any length */
static void
nec_sim_garble_sense(NecSimGarble *self, NecSimResult *result)
{
	static const guint8 codes[] = {0x70, 0x71, 0x72, 0x73, 0x00, 0x7F};
	guint8 code = codes[g_rand_int_range(self->rand, 0, G_N_ELEMENTS(codes))];

	result->status = NEC_SIM_STATUS_CHECK_CONDITION;
	nec_sim_garble_random_bytes(self, result->sense, sizeof(result->sense));
	result->sense[0] = code;
	result->sense_len = (gsize)g_rand_int_range(self->rand, 0, sizeof(result->sense) + 1);
}

void
nec_sim_garble_answer(NecSimGarble *self,
		      NecSimDir dir,
		      guint8 *data,
		      gsize data_len,
		      NecSimResult *result)
{
	NecSimGarbleKind kind;

	if (result->no_answer || result->timed_out)
		return;
	if ((guint)g_rand_int_range(self->rand, 0, 100) >= self->rate_percent)
		return;
	kind = (NecSimGarbleKind)g_rand_int_range(self->rand, 0, NEC_SIM_GARBLE_LAST);
	/* data kinds need data to garble */
	if ((kind == NEC_SIM_GARBLE_DATA || kind == NEC_SIM_GARBLE_NO_DATA) &&
	    (dir != NEC_SIM_DIR_IN || data_len == 0))
		kind = NEC_SIM_GARBLE_SENSE;
	self->count++;

	switch (kind) {
	case NEC_SIM_GARBLE_RESID: {
		/* any other length, also none at all, also for a command without data */
		gsize resid = data_len > 0
				  ? (gsize)g_rand_int_range(self->rand, 0, (gint32)data_len + 1)
				  : (gsize)g_rand_int_range(self->rand, 1, 0x10000);
		if (resid == result->resid)
			resid = resid > 0 ? resid - 1 : data_len;
		result->resid = resid;
		result->note = "garbled=resid";
		break;
	}
	case NEC_SIM_GARBLE_DATA: {
		/* a random stretch of the data, the status still GOOD */
		gsize start = (gsize)g_rand_int_range(self->rand, 0, (gint32)data_len);
		gsize len = (gsize)g_rand_int_range(self->rand, 1, (gint32)(data_len - start) + 1);
		nec_sim_garble_random_bytes(self, data + start, len);
		result->status = NEC_SIM_STATUS_GOOD;
		result->sense_len = 0;
		result->note = "garbled=data";
		break;
	}
	case NEC_SIM_GARBLE_SENSE:
		nec_sim_garble_sense(self, result);
		result->note = "garbled=sense";
		break;
	case NEC_SIM_GARBLE_STATUS:
		result->status = nec_sim_garble_statuses
		    [g_rand_int_range(self->rand, 0, G_N_ELEMENTS(nec_sim_garble_statuses))];
		result->sense_len = 0;
		result->note = "garbled=status";
		break;
	case NEC_SIM_GARBLE_NO_DATA:
		/* GOOD, yet nothing arrived */
		memset(data, 0, data_len);
		result->status = NEC_SIM_STATUS_GOOD;
		result->sense_len = 0;
		result->resid = data_len;
		result->note = "garbled=no-data";
		break;
	case NEC_SIM_GARBLE_HOST:
	default:
		/* the transport failed: nothing arrived */
		if (dir == NEC_SIM_DIR_IN)
			memset(data, 0, data_len);
		result->host_status =
		    nec_sim_garble_hosts[g_rand_int_range(self->rand,
							  0,
							  G_N_ELEMENTS(nec_sim_garble_hosts))];
		result->status = NEC_SIM_STATUS_GOOD;
		result->sense_len = 0;
		result->resid = data_len;
		result->note = "garbled=host";
		break;
	}
}
