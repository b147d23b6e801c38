/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "nec-sim-command.h"
#include "nec-sim-drive.h"
#include "nec-sim-flash.h"
#include "nec-sim-image.h"

/* shared by the standard and the vendor command files */
struct NecSimDrive {
	NecSimFlash *flash;
	gchar *state_path;
	guint8 *staging; /* RAM mirror of flash 0x6000..0xFFFFF */
	gboolean safe_mode;
	gboolean checksum_accepted;
	gboolean disc;
	gdouble time_scale;
	guint fail_command;
	guint power_loss_at;
	gboolean bridge_drops_vendor;
	guint command_cnt;
	gboolean unit_attention; /* pending after a restart of the main firmware */
	gboolean becoming_ready;
	gboolean becoming_ready_told; /* TEST UNIT READY said so at least once */
	gint64 ready_time;	      /* monotonic µs when becoming ready ends */
	gint64 spin_up_time;	      /* monotonic µs when the spin-up after power-on ends */
	gboolean spin_up_told;
	guint reset_at;
	gboolean slow_flash;
	gboolean erase_also;
	guint erase_also_block;
	gboolean short_read_ram;
	guint32 short_read_ram_addr;
	gchar *vendor; /* 8 chars, or NULL for the flash's own */
	guint64 busy_us;
	guint64 command_us; /* model time of the command running now */
	guint64 pending_us; /* model time left of a command that timed out */
	gint64 pending_since;
	NecSimInquiry inquiry;
};

/* one command's handler, chosen from the opcode table in nec-sim-command.c */
typedef void (*NecSimCommandFunc)(NecSimDrive *self, NecSimCommand *cmd);

/* how the decoder reads the fields and names the command */
typedef enum {
	NEC_SIM_CMD_PLAIN, /* the table's name alone */
	NEC_SIM_CMD_READ_RAM,
	NEC_SIM_CMD_SAFE_MODE,
	NEC_SIM_CMD_WRITE_RAM,
	NEC_SIM_CMD_SEND_CHECKSUM,
	NEC_SIM_CMD_BLOCKS, /* EraseBlock, ProgramBlock */
} NecSimCommandKind;

#define NEC_SIM_CMD_NONE	      0
#define NEC_SIM_CMD_SAFE_MODE_ONLY    (1u << 0) /* 05/2C/00 while the main firmware runs */
#define NEC_SIM_CMD_NO_UNIT_ATTENTION (1u << 1) /* answered before a pending 06/29/00 */

struct NecSimCommandInfo {
	guint8 opcode;
	guint8 subcmd; /* vendor opcodes: byte 1 without the bank bit */
	const gchar *name;
	NecSimCommandKind kind;
	guint flags;
	NecSimCommandFunc func; /* NULL: named for the trace, answered 05/20/00 */
};

/* CDB fields and answers are big-endian */
static inline guint16
nec_sim_read_be16(const guint8 *buf)
{
	return (guint16)((buf[0] << 8) | buf[1]);
}

static inline guint32
nec_sim_read_be32(const guint8 *buf)
{
	return ((guint32)buf[0] << 24) | ((guint32)buf[1] << 16) | ((guint32)buf[2] << 8) | buf[3];
}

static inline void
nec_sim_write_be16(guint8 *buf, guint16 value)
{
	buf[0] = value >> 8;
	buf[1] = value & 0xff;
}

static inline void
nec_sim_write_be32(guint8 *buf, guint32 value)
{
	buf[0] = value >> 24;
	buf[1] = (value >> 16) & 0xff;
	buf[2] = (value >> 8) & 0xff;
	buf[3] = value & 0xff;
}

void
nec_sim_drive_busy(NecSimDrive *self, guint64 model_us);
void
nec_sim_drive_busy_transfer(NecSimDrive *self, gsize bytes);
void
nec_sim_drive_enter_safe_mode(NecSimDrive *self);
void
nec_sim_drive_leave_safe_mode(NecSimDrive *self);
gboolean
nec_sim_drive_flash_written(NecSimDrive *self, NecSimResult *result);
void
nec_sim_drive_answer(NecSimDrive *self,
		     NecSimDir dir,
		     guint8 *data,
		     gsize data_len,
		     const guint8 *buf,
		     gsize bufsz,
		     gsize alloc_len,
		     NecSimResult *result);
gboolean
nec_sim_drive_has_medium(NecSimDrive *self);

/* the handlers of the opcode table */
void
nec_sim_drive_test_unit_ready(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_inquiry(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_read_ram(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_safe_mode(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_write_ram(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_send_checksum(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_erase(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_program(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_drive_read_boot(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_mmc_get_configuration(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_mmc_mode_sense(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_mmc_read_capacity(NecSimDrive *self, NecSimCommand *cmd);
void
nec_sim_mmc_report_key(NecSimDrive *self, NecSimCommand *cmd);
