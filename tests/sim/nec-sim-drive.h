/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

/*
 * A simulated NEC ATAPI DVD writer of any flash family (640K, 768K, 1M,
 * 1M-K2, 2M), as described in shared/docs/nec-flash-protocol.md and
 * tests/sim/families.md. Transport-free: the umockdev runner feeds it CDBs
 * taken out of SG_IO requests.
 */

typedef struct NecSimDrive NecSimDrive;

/* SCSI status bytes as they appear in sg_io_hdr.status */
#define NEC_SIM_STATUS_GOOD	       0x00
#define NEC_SIM_STATUS_CHECK_CONDITION 0x02

typedef enum {
	NEC_SIM_DIR_NONE,
	NEC_SIM_DIR_IN,	 /* drive to host, like SG_DXFER_FROM_DEV */
	NEC_SIM_DIR_OUT, /* host to drive, like SG_DXFER_TO_DEV */
} NecSimDir;

typedef struct {
	guint8 status;	    /* NEC_SIM_STATUS_* */
	gboolean no_answer; /* power lost: the drive does not answer at all */
	guint8 sense[18];   /* fixed-format sense data, valid when CHECK CONDITION */
	gsize sense_len;
	gsize resid; /* bytes of data_len not transferred */
	/* the command outlived the caller's timeout: the kernel reports DID_TIME_OUT */
	gboolean timed_out;
	guint8 host_status; /* a transport error the answer carries (garbled); 0 normally */
	const gchar *note;  /* static, for the trace: "reset", "garbled=data", …; NULL */
} NecSimResult;

typedef struct {
	const gchar *model; /* any NecOddModel of the quirk file; NULL: ND-3520A */
	/* the ID the drive reads at its ID address instead of the model's; NULL */
	const gchar *hwid;
	/* a second safe-mode key the bootcode takes besides the model's (test hook); NULL */
	const gchar *accept_key;
	/* the model name the RID area holds instead of the model's (crossflashed); NULL */
	const gchar *rid_model;
	/* a .BIN image flashed to the main area; NULL: the model's oldest version */
	GBytes *firmware;
	/* the family's flash as addressed: loaded if present, saved after every flash write */
	const gchar *state_path;
	gboolean safe_mode;  /* start with only the bootcode running */
	gboolean disc;	     /* a disc is loaded */
	gdouble time_scale;  /* 1.0 = real time, 0 = no delays */
	guint fail_command;  /* the Nth command (1-based) answers CHECK CONDITION; 0 = never */
	guint power_loss_at; /* from the Nth command on, no answer; 0 = never */
	gboolean bridge_drops_vendor; /* vendor opcodes answered 05/20/00 */
	guint reset_at;		      /* the drive resets at the Nth command; 0 = never */
	gboolean slow_flash;	      /* erase and program at the datasheet maximum */
	gdouble spin_up;     /* real seconds TEST UNIT READY says 02/04/01 after power-on */
	gboolean erase_also; /* every accepted erase also erases erase_also_block (same bank) */
	guint erase_also_block;
	gboolean short_read_ram; /* a ReadRAM transfer breaks off at short_read_ram_addr */
	guint32 short_read_ram_addr;
	const gchar *vendor; /* INQUIRY vendor instead of the flash's "_NEC"; NULL */
} NecSimDriveOptions;

NecSimDrive *
nec_sim_drive_new(const NecSimDriveOptions *opts, GError **error);
void
nec_sim_drive_free(NecSimDrive *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NecSimDrive, nec_sim_drive_free)

/* the INQUIRY strings the drive reports right now, for the sysfs attributes */
const gchar *
nec_sim_drive_get_vendor(NecSimDrive *self); /* 8 chars, space padded */
const gchar *
nec_sim_drive_get_product(NecSimDrive *self); /* 16 chars, space padded */
const gchar *
nec_sim_drive_get_revision(NecSimDrive *self); /* 4 chars */

/* execute one CDB; data is data_len bytes, read or written depending on dir */
void
nec_sim_drive_execute(NecSimDrive *self,
		      const guint8 *cdb,
		      gsize cdb_len,
		      NecSimDir dir,
		      guint8 *data,
		      gsize data_len,
		      NecSimResult *result);

/*
 * the same with the caller's timeout in ms (0: none): a command whose model
 * time (plus what the drive still had to do) exceeds it ends timed_out after
 * the timeout, and the drive stays busy for the rest, delaying what follows
 */
void
nec_sim_drive_execute_timed(NecSimDrive *self,
			    const guint8 *cdb,
			    gsize cdb_len,
			    NecSimDir dir,
			    guint8 *data,
			    gsize data_len,
			    guint timeout_ms,
			    NecSimResult *result);

/* the flash contents, laid out as the state file (640K: bank 0, then bank 1) */
GBytes *
nec_sim_drive_get_flash(NecSimDrive *self);

/* the model's name, and its flash family's: "ND-4570A", "2M" */
const gchar *
nec_sim_drive_get_model_name(NecSimDrive *self);
const gchar *
nec_sim_drive_get_family_name(NecSimDrive *self);

/* model time the drive was busy (erase + program + transfer), unscaled, in µs */
guint64
nec_sim_drive_get_busy_us(NecSimDrive *self);

/* save the flash to state_path now (also done after every flash write) */
gboolean
nec_sim_drive_save_state(NecSimDrive *self, GError **error);

/* TRUE while only the bootcode runs */
gboolean
nec_sim_drive_get_safe_mode(NecSimDrive *self);

/* load or eject a disc */
void
nec_sim_drive_set_disc(NecSimDrive *self, gboolean disc);

/* commands executed so far, the count fail_command and power_loss_at use */
guint
nec_sim_drive_get_command_count(NecSimDrive *self);
