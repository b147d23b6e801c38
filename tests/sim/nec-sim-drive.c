/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>
#include <string.h>

#include "nec-sim-drive-private.h"
#include "nec-sim-sense.h"

/* standard data, 20 vendor-specific bytes, then zeros: what Binflash asks for */
#define NEC_SIM_INQUIRY_SIZE		96
#define NEC_SIM_INQUIRY_VENDOR_SPECIFIC 36
#define NEC_SIM_VENDOR_CDB_SIZE		12

/* model time until the restarted main firmware answers TEST UNIT READY */
#define NEC_SIM_RESTART_US 1500000

/* ATAPI at 33.3 MB/s (UDMA mode 2) */
#define NEC_SIM_TRANSFER_BYTES_PER_10US 333

static GBytes *
nec_sim_drive_new_body(const NecSimModel *model, const NecSimDriveOptions *opts, GError **error)
{
	g_autoptr(GBytes) image = NULL;

	if (opts->firmware != NULL)
		return nec_sim_image_get_body(opts->firmware, model, error);
	image = nec_sim_image_new(model, model->oldest_revision, TRUE, error);
	if (image == NULL)
		return NULL;
	return nec_sim_image_get_body(image, model, error);
}

static NecSimFlash *
nec_sim_drive_new_flash(const NecSimDriveOptions *opts, GError **error)
{
	const NecSimModel *model = nec_sim_model_find(opts->model);
	g_autoptr(GBytes) body = NULL;

	if (opts->state_path != NULL && g_file_test(opts->state_path, G_FILE_TEST_EXISTS))
		return nec_sim_flash_new_from_file(opts->state_path, error);
	if (model == NULL) {
		g_set_error(error,
			    G_IO_ERROR,
			    G_IO_ERROR_NOT_SUPPORTED,
			    "unknown model %s",
			    opts->model);
		return NULL;
	}
	body = nec_sim_drive_new_body(model, opts, error);
	if (body == NULL)
		return NULL;
	return nec_sim_flash_new(model, body);
}

/* what INQUIRY says depends on which code runs: the bootcode or the main firmware */
static void
nec_sim_drive_update_inquiry(NecSimDrive *self)
{
	const guint8 *data = nec_sim_flash_get_data(self->flash);

	memset(&self->inquiry, 0, sizeof(self->inquiry));
	if (self->safe_mode) {
		const guint8 *boot = data + NEC_SIM_FLASH_BOOT_ADDR;
		memcpy(self->inquiry.vendor, boot + NEC_SIM_FLASH_BOOT_VENDOR_OFFSET, 8);
		memcpy(self->inquiry.product, boot + NEC_SIM_FLASH_BOOT_PRODUCT_OFFSET, 16);
		self->inquiry.revision[0] = '0';
		self->inquiry.revision[1] = '.';
		memcpy(self->inquiry.revision + 2, boot + NEC_SIM_FLASH_BOOT_VERSION_OFFSET, 2);
	} else {
		nec_sim_image_read_inquiry(data + NEC_SIM_FLASH_MAIN_ADDR,
					   NEC_SIM_IMAGE_BODY_SIZE,
					   &self->inquiry);
	}
	if (self->vendor != NULL)
		memcpy(self->inquiry.vendor, self->vendor, 8);
}

static gboolean
nec_sim_drive_main_is_bootable(NecSimDrive *self)
{
	return nec_sim_image_body_is_bootable(nec_sim_flash_get_data(self->flash) +
					      NEC_SIM_FLASH_MAIN_ADDR);
}

NecSimDrive *
nec_sim_drive_new(const NecSimDriveOptions *opts, GError **error)
{
	g_autoptr(NecSimDrive) self = g_new0(NecSimDrive, 1);
	gboolean fresh =
	    opts->state_path != NULL && !g_file_test(opts->state_path, G_FILE_TEST_EXISTS);

	self->flash = nec_sim_drive_new_flash(opts, error);
	if (self->flash == NULL)
		return NULL;
	self->state_path = g_strdup(opts->state_path);
	self->staging = g_malloc(NEC_SIM_IMAGE_BODY_SIZE);
	memset(self->staging, 0xFF, NEC_SIM_IMAGE_BODY_SIZE);
	self->disc = opts->disc;
	self->time_scale = opts->time_scale;
	self->fail_command = opts->fail_command;
	self->power_loss_at = opts->power_loss_at;
	self->bridge_drops_vendor = opts->bridge_drops_vendor;
	self->reset_at = opts->reset_at;
	self->slow_flash = opts->slow_flash;
	self->erase_also = opts->erase_also;
	self->erase_also_block = opts->erase_also_block;
	self->short_read_ram = opts->short_read_ram;
	self->short_read_ram_addr = opts->short_read_ram_addr;
	if (opts->vendor != NULL)
		self->vendor = g_strdup_printf("%-8.8s", opts->vendor);
	/* spin-up is the host's wait, so it is real time, never scaled */
	self->spin_up_time = g_get_monotonic_time() + (gint64)(opts->spin_up * G_USEC_PER_SEC);
	self->spin_up_told = opts->spin_up <= 0;
	self->safe_mode = opts->safe_mode || !nec_sim_drive_main_is_bootable(self);
	nec_sim_drive_update_inquiry(self);

	/* the runner can then always find a state file */
	if (fresh && !nec_sim_drive_save_state(self, error))
		return NULL;
	return g_steal_pointer(&self);
}

void
nec_sim_drive_free(NecSimDrive *self)
{
	if (self->flash != NULL)
		nec_sim_flash_free(self->flash);
	g_free(self->staging);
	g_free(self->state_path);
	g_free(self->vendor);
	g_free(self);
}

const gchar *
nec_sim_drive_get_vendor(NecSimDrive *self)
{
	return self->inquiry.vendor;
}

const gchar *
nec_sim_drive_get_product(NecSimDrive *self)
{
	return self->inquiry.product;
}

const gchar *
nec_sim_drive_get_revision(NecSimDrive *self)
{
	return self->inquiry.revision;
}

gboolean
nec_sim_drive_get_safe_mode(NecSimDrive *self)
{
	return self->safe_mode;
}

void
nec_sim_drive_set_disc(NecSimDrive *self, gboolean disc)
{
	self->disc = disc;
}

guint
nec_sim_drive_get_command_count(NecSimDrive *self)
{
	return self->command_cnt;
}

GBytes *
nec_sim_drive_get_flash(NecSimDrive *self)
{
	return g_bytes_new(nec_sim_flash_get_data(self->flash), NEC_SIM_FLASH_SIZE);
}

guint64
nec_sim_drive_get_busy_us(NecSimDrive *self)
{
	return self->busy_us;
}

gboolean
nec_sim_drive_save_state(NecSimDrive *self, GError **error)
{
	if (self->state_path == NULL)
		return TRUE;
	return nec_sim_flash_save(self->flash, self->state_path, error);
}

/* the caller waits like on a real drive, scaled by time_scale, once the command ends */
void
nec_sim_drive_busy(NecSimDrive *self, guint64 model_us)
{
	self->busy_us += model_us;
	self->command_us += model_us;
}

static void
nec_sim_drive_sleep(NecSimDrive *self, guint64 model_us)
{
	if (self->time_scale > 0)
		g_usleep((gulong)((gdouble)model_us * self->time_scale));
}

void
nec_sim_drive_busy_transfer(NecSimDrive *self, gsize bytes)
{
	nec_sim_drive_busy(self, (guint64)bytes * 10 / NEC_SIM_TRANSFER_BYTES_PER_10US);
}

void
nec_sim_drive_enter_safe_mode(NecSimDrive *self)
{
	self->safe_mode = TRUE;
	self->checksum_accepted = FALSE;
	self->unit_attention = FALSE;
	self->becoming_ready = FALSE;
	memset(self->staging, 0xFF, NEC_SIM_IMAGE_BODY_SIZE);
	nec_sim_drive_update_inquiry(self);
}

static void
nec_sim_drive_restart_main(NecSimDrive *self)
{
	self->safe_mode = FALSE;
	self->checksum_accepted = FALSE;
	self->unit_attention = TRUE;
	self->becoming_ready = TRUE;
	self->becoming_ready_told = FALSE;
	self->ready_time =
	    g_get_monotonic_time() + (gint64)((gdouble)NEC_SIM_RESTART_US * self->time_scale);
	nec_sim_drive_update_inquiry(self);
}

/* restart the main firmware if it would boot, else the bootcode stays */
void
nec_sim_drive_leave_safe_mode(NecSimDrive *self)
{
	if (!self->safe_mode || !nec_sim_drive_main_is_bootable(self))
		return;
	nec_sim_drive_restart_main(self);
}

/* a bus reset or power glitch: RAM and mode lost, what the flash holds starts */
static void
nec_sim_drive_reset(NecSimDrive *self)
{
	memset(self->staging, 0xFF, NEC_SIM_IMAGE_BODY_SIZE);
	self->pending_us = 0;
	if (nec_sim_drive_main_is_bootable(self)) {
		nec_sim_drive_restart_main(self);
		return;
	}
	self->safe_mode = TRUE;
	self->checksum_accepted = FALSE;
	self->becoming_ready = FALSE;
	self->unit_attention = TRUE;
	nec_sim_drive_update_inquiry(self);
}

gboolean
nec_sim_drive_flash_written(NecSimDrive *self, NecSimResult *result)
{
	g_autoptr(GError) error_local = NULL;
	if (!nec_sim_drive_save_state(self, &error_local)) {
		g_warning("failed to save flash state: %s", error_local->message);
		nec_sim_sense_set(result, NEC_SIM_SENSE_HARDWARE_INTERNAL_FAILURE);
		return FALSE;
	}
	return TRUE;
}

/* a data-in answer of bufsz bytes, cut to the CDB's allocation length and the host's buffer */
void
nec_sim_drive_answer(NecSimDrive *self,
		     NecSimDir dir,
		     guint8 *data,
		     gsize data_len,
		     const guint8 *buf,
		     gsize bufsz,
		     gsize alloc_len,
		     NecSimResult *result)
{
	gsize len = MIN(MIN(alloc_len, bufsz), data_len);

	if (dir != NEC_SIM_DIR_IN)
		len = 0;
	if (len > 0)
		memcpy(data, buf, len);
	result->resid = data_len - len;
	nec_sim_drive_busy_transfer(self, len);
}

void
nec_sim_drive_inquiry(NecSimDrive *self, NecSimCommand *cmd)
{
	guint8 buf[NEC_SIM_INQUIRY_SIZE] = {0};
	gsize alloc_len = nec_sim_read_be16(cmd->cdb + 3);

	/* no vital product data pages */
	if (cmd->cdb[1] & 0x01) {
		nec_sim_sense_set(cmd->result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	buf[0] = 0x05; /* CD/DVD */
	buf[1] = 0x80; /* removable */
	buf[2] = 0x00; /* ATAPI drives claim no SCSI version */
	buf[3] = 0x32; /* ATAPI 3, response data format 2 */
	buf[4] = sizeof(buf) - 5;
	memcpy(buf + 8, self->inquiry.vendor, 8);
	memcpy(buf + 16, self->inquiry.product, 16);
	memcpy(buf + 32, self->inquiry.revision, 4);
	memcpy(buf + NEC_SIM_INQUIRY_VENDOR_SPECIFIC, self->inquiry.vendor_specific, 20);
	nec_sim_drive_answer(self,
			     cmd->dir,
			     cmd->data,
			     cmd->data_len,
			     buf,
			     sizeof(buf),
			     alloc_len,
			     cmd->result);
}

void
nec_sim_drive_test_unit_ready(NecSimDrive *self, NecSimCommand *cmd)
{
	NecSimResult *result = cmd->result;

	/* the bootcode cannot read discs */
	if (self->safe_mode) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
		return;
	}
	/* at least one answer says so, even when time is scaled to nothing */
	if (!self->spin_up_told || g_get_monotonic_time() < self->spin_up_time) {
		self->spin_up_told = TRUE;
		nec_sim_sense_set(result, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
		return;
	}
	if (self->becoming_ready) {
		if (!self->becoming_ready_told || g_get_monotonic_time() < self->ready_time) {
			self->becoming_ready_told = TRUE;
			nec_sim_sense_set(result, NEC_SIM_SENSE_NOT_READY_BECOMING_READY);
			return;
		}
		self->becoming_ready = FALSE;
	}
	if (!self->disc) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_NOT_READY_NO_MEDIUM);
		return;
	}
}

/* a disc the running code can read: the bootcode reads none */
gboolean
nec_sim_drive_has_medium(NecSimDrive *self)
{
	return self->disc && !self->safe_mode;
}

static void
nec_sim_drive_execute_untimed(NecSimDrive *self,
			      const guint8 *cdb,
			      gsize cdb_len,
			      NecSimDir dir,
			      guint8 *data,
			      gsize data_len,
			      NecSimResult *result)
{
	NecSimCommand cmd;

	memset(result, 0, sizeof(*result));
	result->status = NEC_SIM_STATUS_GOOD;
	result->resid = data_len;

	self->command_cnt++;
	if (self->power_loss_at != 0 && self->command_cnt >= self->power_loss_at) {
		result->no_answer = TRUE;
		return;
	}
	if (self->command_cnt == self->reset_at) {
		nec_sim_drive_reset(self);
		result->note = "reset";
	}
	if (self->command_cnt == self->fail_command) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_HARDWARE_INTERNAL_FAILURE);
		return;
	}
	if (cdb_len < 6) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
		return;
	}
	nec_sim_command_decode(&cmd, cdb, cdb_len, dir, data, data_len, result);
	if (self->bridge_drops_vendor && cmd.vendor) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
		return;
	}
	if (self->unit_attention &&
	    (cmd.info == NULL || (cmd.info->flags & NEC_SIM_CMD_NO_UNIT_ATTENTION) == 0)) {
		self->unit_attention = FALSE;
		nec_sim_sense_set(result, NEC_SIM_SENSE_UNIT_ATTENTION_POWER_ON);
		return;
	}
	if (cmd.info == NULL || cmd.info->func == NULL) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_OPCODE);
		return;
	}
	/* vendor packets are 12 bytes; the bank bit is for the 640K family's second chip */
	if (cmd.vendor && (cdb_len < NEC_SIM_VENDOR_CDB_SIZE || cmd.bank1)) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_FIELD);
		return;
	}
	if ((cmd.info->flags & NEC_SIM_CMD_SAFE_MODE_ONLY) != 0 && !self->safe_mode) {
		nec_sim_sense_set(result, NEC_SIM_SENSE_ILLEGAL_REQUEST_SEQUENCE);
		return;
	}
	cmd.info->func(self, &cmd);
}

/* the model time still to run from a command that timed out, now */
static guint64
nec_sim_drive_pending_us(NecSimDrive *self)
{
	gint64 elapsed_us;
	if (self->pending_us == 0 || self->time_scale <= 0)
		return self->pending_us;
	elapsed_us = g_get_monotonic_time() - self->pending_since;
	return (guint64)MAX((gdouble)self->pending_us - (gdouble)elapsed_us / self->time_scale, 0);
}

void
nec_sim_drive_execute_timed(NecSimDrive *self,
			    const guint8 *cdb,
			    gsize cdb_len,
			    NecSimDir dir,
			    guint8 *data,
			    gsize data_len,
			    guint timeout_ms,
			    NecSimResult *result)
{
	guint64 timeout_us = (guint64)timeout_ms * 1000;

	/* the drive first finishes what it was still doing */
	self->command_us = nec_sim_drive_pending_us(self);
	self->pending_us = 0;
	nec_sim_drive_execute_untimed(self, cdb, cdb_len, dir, data, data_len, result);
	if (result->no_answer)
		return;
	if (timeout_us == 0 || self->command_us <= timeout_us) {
		nec_sim_drive_sleep(self, self->command_us);
		return;
	}

	/* the kernel gives up: nothing comes back, the drive carries on */
	nec_sim_drive_sleep(self, timeout_us);
	if (dir == NEC_SIM_DIR_IN && data != NULL)
		memset(data, 0, data_len);
	self->pending_us = self->command_us - timeout_us;
	self->pending_since = g_get_monotonic_time();
	memset(result, 0, sizeof(*result));
	result->timed_out = TRUE;
	result->resid = data_len;
}

void
nec_sim_drive_execute(NecSimDrive *self,
		      const guint8 *cdb,
		      gsize cdb_len,
		      NecSimDir dir,
		      guint8 *data,
		      gsize data_len,
		      NecSimResult *result)
{
	nec_sim_drive_execute_timed(self, cdb, cdb_len, dir, data, data_len, 0, result);
}
