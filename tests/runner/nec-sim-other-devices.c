/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-other-devices.h"

#include <string.h>

#define NEC_SIM_OTHER_OP_TEST_UNIT_READY 0x00
#define NEC_SIM_OTHER_OP_INQUIRY	 0x12
#define NEC_SIM_OTHER_INQUIRY_LEN	 36

static const NecSimOtherDevice nec_sim_other_devices[] = {
    {
	.sysfs = {.name = "sr1",
		  .host = 3,
		  .major = 11,
		  .minor = 1,
		  .type = 5,
		  .vendor = "HL-DT-ST",
		  .model = "DVDRAM GH24NSD1 ",
		  .revision = "1.00"},
	.ready = FALSE,
    },
    {
	.sysfs = {.name = "sda",
		  .host = 0,
		  .major = 8,
		  .minor = 0,
		  .type = 0,
		  .vendor = "ATA     ",
		  .model = "Samsung SSD 860 ",
		  .revision = "4B6Q"},
	.ready = TRUE,
    },
};

const NecSimOtherDevice *
nec_sim_other_devices_get(guint *n_devices)
{
	*n_devices = G_N_ELEMENTS(nec_sim_other_devices);
	return nec_sim_other_devices;
}

/* fixed-format sense data */
static void
nec_sim_other_device_check(NecSimResult *result, guint8 key, guint8 asc, guint8 ascq)
{
	result->status = NEC_SIM_STATUS_CHECK_CONDITION;
	memset(result->sense, 0, sizeof(result->sense));
	result->sense[0] = 0x70;
	result->sense[2] = key;
	result->sense[7] = sizeof(result->sense) - 8;
	result->sense[12] = asc;
	result->sense[13] = ascq;
	result->sense_len = sizeof(result->sense);
}

void
nec_sim_other_device_execute(gpointer user_data,
			     const guint8 *cdb,
			     gsize cdb_len,
			     NecSimDir dir,
			     guint8 *data,
			     gsize data_len,
			     guint timeout_ms,
			     NecSimResult *result)
{
	const NecSimOtherDevice *device = user_data;
	guint8 buf[NEC_SIM_OTHER_INQUIRY_LEN] = {0};
	gsize len;

	memset(result, 0, sizeof(*result));
	result->resid = data_len;
	if (cdb[0] == NEC_SIM_OTHER_OP_TEST_UNIT_READY) {
		if (!device->ready)
			nec_sim_other_device_check(result, 0x02, 0x3A, 0x00); /* no medium */
		return;
	}
	if (cdb[0] != NEC_SIM_OTHER_OP_INQUIRY || dir != NEC_SIM_DIR_IN) {
		nec_sim_other_device_check(result, 0x05, 0x20, 0x00); /* invalid opcode */
		return;
	}
	if (cdb_len < 6 || (cdb[1] & 0x01) != 0) {
		nec_sim_other_device_check(result, 0x05, 0x24, 0x00); /* no VPD pages */
		return;
	}

	/* standard INQUIRY data, SPC-3, cut to the allocation length */
	len = MIN(MIN(data_len, sizeof(buf)), ((gsize)cdb[3] << 8) | cdb[4]);
	buf[0] = device->sysfs.type;
	buf[1] = device->sysfs.type == 5 ? 0x80 : 0x00; /* RMB */
	buf[2] = 0x05;
	buf[3] = 0x02;
	buf[4] = sizeof(buf) - 5;
	memcpy(buf + 8, device->sysfs.vendor, 8);
	memcpy(buf + 16, device->sysfs.model, 16);
	memcpy(buf + 32, device->sysfs.revision, 4);
	memcpy(data, buf, len);
	result->resid = data_len - len;
}
