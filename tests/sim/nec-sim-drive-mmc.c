/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nec-sim-drive-private.h"
#include "nec-sim-sense.h"

/*
 * The standard MMC commands other software sends to an optical drive, answered
 * minimally and as MMC-6 and SPC-4 lay them out; the choices are in README.md.
 */

/* MMC-6 profile numbers */
#define NEC_SIM_MMC_PROFILE_NONE    0x0000
#define NEC_SIM_MMC_PROFILE_DVD_ROM 0x0010

/* GET CONFIGURATION feature codes and RT values */
#define NEC_SIM_MMC_FEATURE_PROFILE_LIST 0x0000
#define NEC_SIM_MMC_FEATURE_CORE	 0x0001
#define NEC_SIM_MMC_RT_ALL		 0x00
#define NEC_SIM_MMC_RT_CURRENT		 0x01
#define NEC_SIM_MMC_RT_ONE		 0x02

/* feature descriptor byte 2: version << 2, persistent, current */
#define NEC_SIM_MMC_FEATURE_PERSISTENT 0x02
#define NEC_SIM_MMC_FEATURE_CURRENT    0x01

/* SPC and MMC: the ATAPI physical interface standard of the Core feature */
#define NEC_SIM_MMC_INTERFACE_ATAPI 0x00000002

/* MODE SENSE page codes and page control values */
#define NEC_SIM_MMC_PAGE_CAPABILITIES 0x2A
#define NEC_SIM_MMC_PAGE_ALL	      0x3F
#define NEC_SIM_MMC_PC_CHANGEABLE     0x01
#define NEC_SIM_MMC_PC_SAVED	      0x03
#define NEC_SIM_MMC_MODE_HEADER_SIZE  8

/* REPORT KEY: the one key format that needs no disc */
#define NEC_SIM_MMC_KEY_FORMAT_RPC_STATE 0x08

/* a single-layer DVD-ROM of 4.7 GB: 2,298,496 sectors of 2048 bytes */
#define NEC_SIM_MMC_DVD_SECTORS	   2298496
#define NEC_SIM_MMC_DVD_BLOCK_SIZE 2048

/* the media a 2004 NEC DVD±RW DL writer knows, most capable first */
static const guint16 nec_sim_mmc_profiles[] = {
    0x002B, /* DVD+R DL */
    0x001B, /* DVD+R */
    0x001A, /* DVD+RW */
    0x0014, /* DVD-RW sequential */
    0x0013, /* DVD-RW restricted overwrite */
    0x0011, /* DVD-R sequential */
    NEC_SIM_MMC_PROFILE_DVD_ROM,
    0x000A, /* CD-RW */
    0x0009, /* CD-R */
    0x0008, /* CD-ROM */
};

static guint16
nec_sim_mmc_current_profile(NecSimDrive *self)
{
	return nec_sim_drive_has_medium(self) ? NEC_SIM_MMC_PROFILE_DVD_ROM
					      : NEC_SIM_MMC_PROFILE_NONE;
}

/* feature 0x0000: every profile, the current one flagged */
static void
nec_sim_mmc_append_profile_list(NecSimDrive *self, GByteArray *buf)
{
	guint8 hdr[4] = {0};
	guint16 current = nec_sim_mmc_current_profile(self);

	nec_sim_write_be16(hdr, NEC_SIM_MMC_FEATURE_PROFILE_LIST);
	hdr[2] = NEC_SIM_MMC_FEATURE_PERSISTENT | NEC_SIM_MMC_FEATURE_CURRENT;
	hdr[3] = 4 * G_N_ELEMENTS(nec_sim_mmc_profiles);
	g_byte_array_append(buf, hdr, sizeof(hdr));
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_mmc_profiles); i++) {
		guint8 desc[4] = {0};
		nec_sim_write_be16(desc, nec_sim_mmc_profiles[i]);
		desc[2] = nec_sim_mmc_profiles[i] == current ? 0x01 : 0x00;
		g_byte_array_append(buf, desc, sizeof(desc));
	}
}

/* feature 0x0001, version 0: the drive's interface */
static void
nec_sim_mmc_append_core(NecSimDrive *self, GByteArray *buf)
{
	guint8 desc[8] = {0};

	nec_sim_write_be16(desc, NEC_SIM_MMC_FEATURE_CORE);
	desc[2] = NEC_SIM_MMC_FEATURE_PERSISTENT | NEC_SIM_MMC_FEATURE_CURRENT;
	desc[3] = 4;
	nec_sim_write_be32(desc + 4, NEC_SIM_MMC_INTERFACE_ATAPI);
	g_byte_array_append(buf, desc, sizeof(desc));
}

void
nec_sim_mmc_get_configuration(NecSimDrive *self, NecSimCommand *cmd)
{
	const guint8 *cdb = cmd->cdb;
	guint8 rt = cdb[1] & 0x03;
	guint16 start = nec_sim_read_be16(cdb + 2);
	gsize alloc_len = nec_sim_read_be16(cdb + 7);
	guint8 hdr[8] = {0};
	g_autoptr(GByteArray) buf = g_byte_array_new();

	if (rt != NEC_SIM_MMC_RT_ALL && rt != NEC_SIM_MMC_RT_CURRENT && rt != NEC_SIM_MMC_RT_ONE) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	g_byte_array_append(buf, hdr, sizeof(hdr));
	/* both features are current, so RT 0 and 1 list the same */
	if (rt == NEC_SIM_MMC_RT_ONE ? start == NEC_SIM_MMC_FEATURE_PROFILE_LIST
				     : start <= NEC_SIM_MMC_FEATURE_PROFILE_LIST)
		nec_sim_mmc_append_profile_list(self, buf);
	if (rt == NEC_SIM_MMC_RT_ONE ? start == NEC_SIM_MMC_FEATURE_CORE
				     : start <= NEC_SIM_MMC_FEATURE_CORE)
		nec_sim_mmc_append_core(self, buf);
	/* the data length counts the bytes after itself */
	nec_sim_write_be32(buf->data, buf->len - 4);
	nec_sim_write_be16(buf->data + 6, nec_sim_mmc_current_profile(self));
	nec_sim_drive_answer(self,
			     cmd->dir,
			     cmd->data,
			     cmd->data_len,
			     buf->data,
			     buf->len,
			     alloc_len,
			     cmd->result);
}

/* MM Capabilities and Mechanical Status, as MMC-3 defines it (obsolete since MMC-5) */
static gsize
nec_sim_mmc_page_capabilities(guint8 *page, gboolean changeable)
{
	const gsize size = 36;

	memset(page, 0, size);
	page[0] = NEC_SIM_MMC_PAGE_CAPABILITIES;
	page[1] = size - 2;
	/* nothing in it can be changed: the mask is all zeros */
	if (changeable)
		return size;
	page[2] = 0x1F; /* reads DVD-R, DVD-ROM, CD method 2, CD-RW, CD-R */
	page[3] = 0x17; /* writes DVD-R, test write, CD-RW, CD-R */
	page[4] = 0x71; /* multi-session, mode 2 form 2 and form 1, audio play */
	page[5] = 0x3F; /* ISRC, C2 pointers, R-W (de-interleaved), CD-DA (accurate) */
	page[6] = 0x29; /* tray loading, eject, lock */
	nec_sim_write_be16(page + 10, 256);   /* volume levels */
	nec_sim_write_be16(page + 12, 2048);  /* buffer in KiB */
	nec_sim_write_be16(page + 22, 1);     /* copy management revision */
	nec_sim_write_be16(page + 28, 22160); /* write speed in kB/s: DVD 16× */
	nec_sim_write_be16(page + 30, 1);     /* write speed descriptors */
	nec_sim_write_be16(page + 34, 22160);
	return size;
}

void
nec_sim_mmc_mode_sense(NecSimDrive *self, NecSimCommand *cmd)
{
	const guint8 *cdb = cmd->cdb;
	guint8 pc = cdb[2] >> 6;
	guint8 page_code = cdb[2] & 0x3F;
	gsize alloc_len = nec_sim_read_be16(cdb + 7);
	guint8 buf[NEC_SIM_MMC_MODE_HEADER_SIZE + 64] = {0};
	gsize len;

	if ((page_code != NEC_SIM_MMC_PAGE_CAPABILITIES && page_code != NEC_SIM_MMC_PAGE_ALL) ||
	    cdb[3] != 0) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if (pc == NEC_SIM_MMC_PC_SAVED) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_NO_SAVING);
		return;
	}
	/* header: medium type, device-specific byte and block descriptor length all 0 */
	len = NEC_SIM_MMC_MODE_HEADER_SIZE +
	      nec_sim_mmc_page_capabilities(buf + NEC_SIM_MMC_MODE_HEADER_SIZE,
					    pc == NEC_SIM_MMC_PC_CHANGEABLE);
	nec_sim_write_be16(buf, len - 2);
	nec_sim_drive_answer(self,
			     cmd->dir,
			     cmd->data,
			     cmd->data_len,
			     buf,
			     len,
			     alloc_len,
			     cmd->result);
}

void
nec_sim_mmc_read_capacity(NecSimDrive *self, NecSimCommand *cmd)
{
	guint8 buf[8] = {0};

	if (!nec_sim_drive_has_medium(self)) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
		return;
	}
	nec_sim_write_be32(buf, NEC_SIM_MMC_DVD_SECTORS - 1);
	nec_sim_write_be32(buf + 4, NEC_SIM_MMC_DVD_BLOCK_SIZE);
	nec_sim_drive_answer(self,
			     cmd->dir,
			     cmd->data,
			     cmd->data_len,
			     buf,
			     sizeof(buf),
			     sizeof(buf),
			     cmd->result);
}

void
nec_sim_mmc_report_key(NecSimDrive *self, NecSimCommand *cmd)
{
	const guint8 *cdb = cmd->cdb;
	guint8 key_class = cdb[7];
	gsize alloc_len = nec_sim_read_be16(cdb + 8);
	guint8 key_format = cdb[10] & 0x3F;
	guint8 buf[8] = {0};

	if (key_class != 0) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	/* the region state is the drive's own, disc or not */
	if (key_format == NEC_SIM_MMC_KEY_FORMAT_RPC_STATE) {
		nec_sim_write_be16(buf, sizeof(buf) - 2);
		buf[4] = (4 << 3) | 5; /* no region set; 4 vendor resets, 5 user changes left */
		buf[5] = 0xFF;	       /* no region allowed yet */
		buf[6] = 0x01;	       /* RPC Phase II */
		nec_sim_drive_answer(self,
				     cmd->dir,
				     cmd->data,
				     cmd->data_len,
				     buf,
				     sizeof(buf),
				     alloc_len,
				     cmd->result);
		return;
	}
	if (!nec_sim_drive_has_medium(self)) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
		return;
	}
	/* CSS authentication is not modelled */
	nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
}
