/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-drive.h"

/*
 * One command as the drive sees it: the CDB, its data and result, and the
 * vendor fields of nec-flash-protocol.md decoded once. The same decoder names
 * the command for the runner's trace, so nothing else parses CDB bytes.
 */

/* SG_IO allows up to 32 bytes; what is not sent reads as zeros */
#define NEC_SIM_COMMAND_CDB_MAX 32

typedef struct NecSimCommandInfo NecSimCommandInfo;

typedef struct {
	guint8 cdb[NEC_SIM_COMMAND_CDB_MAX];
	gsize cdb_len; /* as sent */
	NecSimDir dir;
	guint8 *data;
	gsize data_len;
	NecSimResult *result;
	/* the opcode table's entry, NULL for an unknown opcode or sub-command */
	const NecSimCommandInfo *info;
	/* vendor fields (CB, CC, CD), 0 where the command has none */
	gboolean vendor;
	gboolean bank1;	   /* the bank bit 0x10 in byte 1 */
	guint8 subcmd;	   /* byte 1 without the bank bit */
	guint32 addr;	   /* ReadRAM, WriteRAM: bytes 2..5 */
	gsize len;	   /* ReadRAM: bytes 7..8; WriteRAM: pages × 4096 */
	guint8 pages;	   /* WriteRAM: byte 8 */
	guint8 mode;	   /* SafeMode: byte 2, 1 enter, 0 leave */
	const guint8 *key; /* SafeMode: the 4 bytes 4..7 */
	guint16 word;	   /* SendChecksum: bytes 2..3 */
	guint8 index_byte; /* SendChecksum: byte 8, 4 × index */
	guint64 blocks;	   /* EraseBlock, ProgramBlock: bitmap of bytes 2..8, bit b = block b */
	gint block;	   /* the one block set in blocks, else -1 */
	const guint8 *id;  /* ReadRAM: bytes 9..11, 'R' 'D' id for a dump read */
} NecSimCommand;

/* decode cdb into cmd; data, dir and result are only stored */
void
nec_sim_command_decode(NecSimCommand *cmd,
		       const guint8 *cdb,
		       gsize cdb_len,
		       NecSimDir dir,
		       guint8 *data,
		       gsize data_len,
		       NecSimResult *result);

/* the trace name: "ReadRAM/0x004800/32", "EraseBlock/7/bank1", "unknown/0xA8", … */
gchar *
nec_sim_command_to_string(const NecSimCommand *cmd);
