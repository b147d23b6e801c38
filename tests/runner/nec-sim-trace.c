/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-trace.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdio.h>

#include "nec-sim-command.h"

struct NecSimTrace {
	GMutex mutex; /* every device node is served from the testbed's thread pool */
	FILE *file;
	guint seq;
};

NecSimTrace *
nec_sim_trace_new(const gchar *path, GError **error)
{
	g_autoptr(NecSimTrace) self = g_new0(NecSimTrace, 1);

	g_mutex_init(&self->mutex);
	self->file = fopen(path, "w");
	if (self->file == NULL) {
		g_set_error(error,
			    G_IO_ERROR,
			    g_io_error_from_errno(errno),
			    "cannot open trace file %s: %s",
			    path,
			    g_strerror(errno));
		return NULL;
	}
	return g_steal_pointer(&self);
}

void
nec_sim_trace_free(NecSimTrace *self)
{
	if (self->file != NULL)
		fclose(self->file);
	g_mutex_clear(&self->mutex);
	g_free(self);
}

static const gchar *
nec_sim_trace_dir_to_string(NecSimDir dir)
{
	if (dir == NEC_SIM_DIR_IN)
		return "in";
	if (dir == NEC_SIM_DIR_OUT)
		return "out";
	return "none";
}

static gchar *
nec_sim_trace_status_to_string(const NecSimResult *result)
{
	if (result->no_answer)
		return g_strdup("NO-ANSWER");
	if (result->timed_out)
		return g_strdup("TIMEOUT");
	if (result->host_status != 0)
		return g_strdup_printf("HOST-0x%02X", result->host_status);
	if (result->status == NEC_SIM_STATUS_GOOD)
		return g_strdup("GOOD");
	if (result->status == NEC_SIM_STATUS_CHECK_CONDITION) {
		guint8 key = result->sense_len > 2 ? result->sense[2] & 0x0F : 0;
		guint8 asc = result->sense_len > 12 ? result->sense[12] : 0;
		guint8 ascq = result->sense_len > 13 ? result->sense[13] : 0;
		return g_strdup_printf("CHECK sense=%02X/%02X/%02X", key, asc, ascq);
	}
	return g_strdup_printf("0x%02X", result->status);
}

void
nec_sim_trace_command(NecSimTrace *self,
		      const gchar *devname,
		      const guint8 *cdb,
		      gsize cdb_len,
		      NecSimDir dir,
		      gsize data_len,
		      const NecSimResult *result)
{
	g_autoptr(GString) cdb_hex = g_string_new(NULL);
	g_autofree gchar *status = NULL;
	g_autofree gchar *name = NULL;
	NecSimCommand cmd;
	g_autoptr(GMutexLocker) locker = NULL;

	if (self == NULL)
		return;
	for (gsize i = 0; i < cdb_len; i++)
		g_string_append_printf(cdb_hex, "%02X", cdb[i]);
	status = nec_sim_trace_status_to_string(result);
	/* the simulator's own decoder, so that no trace reader parses CDBs */
	nec_sim_command_decode(&cmd, cdb, cdb_len, dir, NULL, data_len, NULL);
	name = nec_sim_command_to_string(&cmd);

	locker = g_mutex_locker_new(&self->mutex);
	fprintf(self->file,
		"%u %s cdb=%s cmd=%s dir=%s len=%" G_GSIZE_FORMAT " status=%s%s%s\n",
		++self->seq,
		devname,
		cdb_hex->str,
		name,
		nec_sim_trace_dir_to_string(dir),
		data_len,
		status,
		result->note != NULL ? " " : "",
		result->note != NULL ? result->note : "");
	fflush(self->file);
}
