/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fu-nec-odd-family.h"
#include "nec-odd-device-fuzz.h"
#include "nec-sim-command.h"
#include "nec-sim-drive.h"
#include "nec-sim-image.h"

/*
 * Seeds for the device-side fuzz target from traces of Debian's fwupdtool against
 * the simulated drive (record-traces.sh). A trace has the commands but not the
 * data, so each one is replayed on a simulated drive set up as the recording was,
 * the WriteRAM data taken from the image installed, and every answer becomes a
 * record (nec-odd-device-fuzz.h). Each seed then runs through the fuzz target,
 * which must send exactly the traced commands and end as fwupdtool did (the meson
 * test nec-odd-device-fuzz-seeds). With OUTDIR the seeds are saved, also those
 * whose run did not end as the recording.
 *   nec-odd-device-fuzz-seeds TRACEDIR [OUTDIR]
 * With --run, each FILE (a fuzz input, e.g. from device-regressions/) runs through
 * the target once; a crash or a broken safety rule aborts.
 *   nec-odd-device-fuzz-seeds --run FILE...
 */

typedef struct {
	const gchar *trace;
	NecOddDeviceFuzzOp op;
	guint8 hdr;	       /* more header bits */
	guint image;	       /* index into nec_odd_device_fuzz_images() */
	const gchar *model;    /* the simulated drive of the recording */
	const gchar *revision; /* its firmware; NULL: the model's oldest */
	gboolean safe_mode;
	gboolean disc;
	gboolean success; /* how fwupdtool ended */
} NecOddDeviceFuzzSeed;

/* the cases of record-traces.sh */
static const NecOddDeviceFuzzSeed seeds[] = {
    {"get-devices", NEC_ODD_DEVICE_FUZZ_OP_GET_DEVICES, 0, 0, "ND-3520A", NULL, FALSE, FALSE, TRUE},
    {"get-devices-disc",
     NEC_ODD_DEVICE_FUZZ_OP_GET_DEVICES,
     0,
     0,
     "ND-3520A",
     NULL,
     FALSE,
     TRUE,
     TRUE},
    {"get-devices-safe-mode",
     NEC_ODD_DEVICE_FUZZ_OP_GET_DEVICES,
     0,
     0,
     "ND-3520A",
     NULL,
     TRUE,
     FALSE,
     TRUE},
    {"install", NEC_ODD_DEVICE_FUZZ_OP_INSTALL, 0, 0, "ND-3520A", NULL, FALSE, FALSE, TRUE},
    {"install-safe-mode",
     NEC_ODD_DEVICE_FUZZ_OP_INSTALL,
     0,
     0,
     "ND-3520A",
     NULL,
     TRUE,
     FALSE,
     TRUE},
    {"firmware-dump", NEC_ODD_DEVICE_FUZZ_OP_DUMP, 0, 0, "ND-3520A", "3.04", FALSE, FALSE, TRUE},
};

/* commands other plugins send to every block device (ATA PASS-THROUGH, the scsi
 * plugin's INQUIRY of 254 bytes) are not FuNecOddDevice's; NAME is the trace's cmd= */
static gboolean
seed_is_nec_odd_command(const gchar *name, guint64 len)
{
	if (g_str_has_prefix(name, "ATA_PASS_THROUGH_"))
		return FALSE;
	if (g_strcmp0(name, "INQUIRY") == 0 && len != 36)
		return FALSE;
	return TRUE;
}

static gchar *
seed_result_to_string(const NecSimResult *result)
{
	if (result->no_answer)
		return g_strdup("NO-ANSWER");
	if (result->status == NEC_SIM_STATUS_GOOD)
		return g_strdup("GOOD");
	return g_strdup_printf("CHECK sense=%02X/%02X/%02X",
			       result->sense[2] & 0x0Fu,
			       result->sense[12],
			       result->sense[13]);
}

/* the data of a data-in answer: a flash the fuzz target knows, one byte, or literal */
static void
seed_append_data(GByteArray *rec, guint8 *kind, const guint8 *cdb, const guint8 *buf, gsize len)
{
	guint n_flashes = 0;

	(void)nec_odd_device_fuzz_flashes(&n_flashes);
	if (len == 0)
		return;
	if (cdb[0] == 0xCC && cdb[1] == 0x00) {
		guint32 addr = fu_memread_uint32(cdb + 2, G_BIG_ENDIAN);
		for (guint i = 0; i < n_flashes; i++) {
			GBytes *flash = nec_odd_device_fuzz_get_flash(i);
			if (addr + len <= g_bytes_get_size(flash) &&
			    memcmp((const guint8 *)g_bytes_get_data(flash, NULL) + addr,
				   buf,
				   len) == 0) {
				*kind |= NEC_ODD_DEVICE_FUZZ_KIND_DATA_FLASH;
				fu_byte_array_append_uint8(rec, i);
				return;
			}
		}
	}
	for (gsize i = 1; i <= len; i++) {
		if (i == len) {
			*kind |= NEC_ODD_DEVICE_FUZZ_KIND_DATA_FILL;
			fu_byte_array_append_uint8(rec, buf[0]);
			return;
		}
		if (buf[i] != buf[0])
			break;
	}
	*kind |= NEC_ODD_DEVICE_FUZZ_KIND_DATA_LITERAL;
	fu_byte_array_append_uint16(rec, len, G_BIG_ENDIAN);
	g_byte_array_append(rec, buf, len);
}

static void
seed_append_answer(GByteArray *seed,
		   const guint8 *cdb,
		   NecSimDir dir,
		   const guint8 *buf,
		   gsize len,
		   const NecSimResult *result)
{
	guint8 kind = 0;
	g_autoptr(GByteArray) rec = g_byte_array_new();

	if (result->no_answer) {
		/* as the runner and the kernel: the host timed out, nothing moved */
		kind |= NEC_ODD_DEVICE_FUZZ_KIND_STATUS | NEC_ODD_DEVICE_FUZZ_KIND_RESID;
		fu_byte_array_append_uint8(rec, 0x00);
		fu_byte_array_append_uint8(rec, 0x03);
		fu_byte_array_append_uint8(rec, 0x00);
		fu_byte_array_append_uint16(rec, MIN(len, G_MAXINT16), G_BIG_ENDIAN);
		fu_byte_array_append_uint8(seed, kind);
		g_byte_array_append(seed, rec->data, rec->len);
		return;
	}
	if (result->status != NEC_SIM_STATUS_GOOD) {
		kind |= NEC_ODD_DEVICE_FUZZ_KIND_STATUS | NEC_ODD_DEVICE_FUZZ_KIND_SENSE;
		fu_byte_array_append_uint8(rec, result->status);
		fu_byte_array_append_uint8(rec, 0x00);
		fu_byte_array_append_uint8(rec, 0x08); /* DRIVER_SENSE, as the kernel says */
		fu_byte_array_append_uint8(rec, result->sense_len);
		g_byte_array_append(rec, result->sense, result->sense_len);
	}
	if (result->resid != 0) {
		kind |= NEC_ODD_DEVICE_FUZZ_KIND_RESID;
		fu_byte_array_append_uint16(rec, MIN(result->resid, G_MAXINT16), G_BIG_ENDIAN);
	}
	if (dir == NEC_SIM_DIR_IN && result->status == NEC_SIM_STATUS_GOOD)
		seed_append_data(rec, &kind, cdb, buf, len - MIN(result->resid, len));
	fu_byte_array_append_uint8(seed, kind);
	g_byte_array_append(seed, rec->data, rec->len);
}

/* one trace line: SEQ DEV cdb=HEX cmd=NAME dir=none|in|out len=N status=... */
static gboolean
seed_replay_line(NecSimDrive *drive,
		 GBytes *body,
		 guint32 body_addr,
		 const gchar *line,
		 GByteArray *seed,
		 guint *n_commands,
		 GError **error)
{
	g_auto(GStrv) fields = g_strsplit(line, " ", 7);
	g_autofree guint8 *buf = NULL;
	g_autofree gchar *got = NULL;
	g_autoptr(GByteArray) cdb = g_byte_array_new();
	NecSimDir dir = NEC_SIM_DIR_NONE;
	NecSimResult result = {0};
	NecSimCommand cmd;
	guint64 len = 0;

	if (g_strv_length(fields) < 7 || !g_str_has_prefix(fields[2], "cdb=") ||
	    !g_str_has_prefix(fields[3], "cmd=") || !g_str_has_prefix(fields[4], "dir=") ||
	    !g_str_has_prefix(fields[5], "len=") || !g_str_has_prefix(fields[6], "status=")) {
		g_set_error(error, FWUPD_ERROR, FWUPD_ERROR_INVALID_DATA, "bad line: %s", line);
		return FALSE;
	}
	if (g_strcmp0(fields[1], "sr0") != 0)
		return TRUE;
	for (const gchar *p = fields[2] + 4; p[0] != '\0' && p[1] != '\0'; p += 2) {
		guint8 tmp = 0;
		if (!fu_firmware_strparse_uint8_safe(p, 2, 0, &tmp, error))
			return FALSE;
		fu_byte_array_append_uint8(cdb, tmp);
	}
	if (!fu_strtoull(fields[5] + 4, &len, 0, 0x20000, FU_INTEGER_BASE_10, error))
		return FALSE;
	if (!seed_is_nec_odd_command(fields[3] + 4, len))
		return TRUE;
	if (g_strcmp0(fields[4], "dir=in") == 0)
		dir = NEC_SIM_DIR_IN;
	else if (g_strcmp0(fields[4], "dir=out") == 0)
		dir = NEC_SIM_DIR_OUT;
	buf = g_malloc0(len + 1);

	/* WriteRAM carries the image being installed */
	if (dir == NEC_SIM_DIR_OUT && g_str_has_prefix(fields[3], "cmd=WriteRAM/")) {
		guint32 addr;
		nec_sim_command_decode(&cmd, cdb->data, cdb->len, dir, NULL, len, NULL);
		addr = cmd.addr;
		if (body == NULL || addr < body_addr ||
		    !fu_memcpy_safe(buf,
				    len,
				    0x0,
				    g_bytes_get_data(body, NULL),
				    g_bytes_get_size(body),
				    addr - body_addr,
				    len,
				    error)) {
			g_prefix_error(error, "WriteRAM at 0x%x: ", addr);
			return FALSE;
		}
	}
	nec_sim_drive_execute(drive, cdb->data, cdb->len, dir, buf, len, &result);
	got = seed_result_to_string(&result);
	if (g_strcmp0(got, fields[6] + 7) != 0) {
		g_set_error(error,
			    FWUPD_ERROR,
			    FWUPD_ERROR_INVALID_DATA,
			    "the replay answers %s, the recording %s: %s",
			    got,
			    fields[6] + 7,
			    line);
		return FALSE;
	}
	seed_append_answer(seed, cdb->data, dir, buf, len, &result);
	(*n_commands)++;
	return TRUE;
}

static GByteArray *
seed_from_trace(const NecOddDeviceFuzzSeed *item,
		const gchar *fn,
		guint *n_commands,
		GError **error)
{
	const NecOddDeviceFuzzFirmware *images;
	const FuNecOddModel *model;
	guint n_images = 0;
	NecSimDriveOptions opts = {
	    .model = item->model,
	    .safe_mode = item->safe_mode,
	    .disc = item->disc,
	};
	g_autofree gchar *contents = NULL;
	g_auto(GStrv) lines = NULL;
	g_autoptr(GByteArray) seed = g_byte_array_new();
	g_autoptr(GBytes) firmware = NULL;
	g_autoptr(GBytes) body = NULL;
	g_autoptr(NecSimDrive) drive = NULL;

	images = nec_odd_device_fuzz_images(&n_images);
	g_assert_cmpuint(item->image, <, n_images);
	if (item->revision != NULL) {
		firmware =
		    nec_sim_image_new(nec_sim_model_find(item->model), item->revision, TRUE, error);
		if (firmware == NULL)
			return NULL;
		opts.firmware = firmware;
	}
	drive = nec_sim_drive_new(&opts, error);
	if (drive == NULL)
		return NULL;
	body = nec_sim_image_get_body(nec_odd_device_fuzz_get_image(item->image),
				      nec_sim_model_find(images[item->image].model),
				      error);
	if (body == NULL)
		return NULL;
	model = fu_nec_odd_family_lookup_model(nec_sim_model_find(images[item->image].model)->hwid);
	g_assert_nonnull(model);

	fu_byte_array_append_uint8(seed, item->op | item->hdr);
	fu_byte_array_append_uint8(seed, item->image);
	if (!g_file_get_contents(fn, &contents, NULL, error))
		return NULL;
	lines = g_strsplit(contents, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		if (lines[i][0] == '\0')
			continue;
		if (!seed_replay_line(drive,
				      body,
				      model->family->body_addr,
				      lines[i],
				      seed,
				      n_commands,
				      error)) {
			g_prefix_error(error, "%s: ", fn);
			return NULL;
		}
	}
	return g_steal_pointer(&seed);
}

static int
seed_run_files(char **files)
{
	for (guint i = 0; files[i] != NULL; i++) {
		gsize bufsz = 0;
		g_autofree gchar *buf = NULL;
		g_autoptr(GError) error = NULL;
		g_autoptr(GError) error_run = NULL;

		if (!g_file_get_contents(files[i], &buf, &bufsz, &error)) {
			g_printerr("FAIL %s\n", error->message);
			return 1;
		}
		if (nec_odd_device_fuzz_run((const guint8 *)buf, bufsz, &error_run))
			g_print("ok %s: completed\n", files[i]);
		else
			g_print("ok %s: refused: %s\n", files[i], error_run->message);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const gchar *outdir = argc > 2 ? argv[2] : NULL;
	guint n_failed = 0;

	if (argc < 2) {
		g_printerr("usage: %s TRACEDIR [OUTDIR] | --run FILE...\n", argv[0]);
		return 2;
	}
	if (g_strcmp0(argv[1], "--run") == 0)
		return seed_run_files(argv + 2);
	if (outdir != NULL && g_mkdir_with_parents(outdir, 0755) != 0)
		g_error("cannot create %s", outdir);
	for (guint i = 0; i < G_N_ELEMENTS(seeds); i++) {
		const NecOddDeviceFuzzSeed *item = &seeds[i];
		guint n_commands = 0;
		gboolean ok;
		g_autofree gchar *basename = g_strdup_printf("%s.trace", item->trace);
		g_autofree gchar *fn = g_build_filename(argv[1], basename, NULL);
		g_autoptr(GByteArray) seed = NULL;
		g_autoptr(GError) error = NULL;
		g_autoptr(GError) error_run = NULL;

		seed = seed_from_trace(item, fn, &n_commands, &error);
		if (seed == NULL) {
			g_printerr("FAIL %s: %s\n", item->trace, error->message);
			n_failed++;
			continue;
		}
		if (outdir != NULL) {
			g_autofree gchar *seed_fn = g_build_filename(outdir, item->trace, NULL);
			if (!g_file_set_contents(seed_fn,
						 (const gchar *)seed->data,
						 seed->len,
						 &error))
				g_error("%s", error->message);
		}
		ok = nec_odd_device_fuzz_run(seed->data, seed->len, &error_run);
		if (ok != item->success || nec_odd_device_fuzz_get_commands() != n_commands) {
			g_printerr("FAIL %s: the fuzz target %s after %u commands, fwupdtool %s "
				   "after %u%s%s\n",
				   item->trace,
				   ok ? "succeeded" : "failed",
				   nec_odd_device_fuzz_get_commands(),
				   item->success ? "succeeded" : "failed",
				   n_commands,
				   error_run != NULL ? ": " : "",
				   error_run != NULL ? error_run->message : "");
			n_failed++;
			continue;
		}
		g_print("ok %s: %u commands, %u bytes%s%s\n",
			item->trace,
			n_commands,
			seed->len,
			error_run != NULL ? ", refused: " : "",
			error_run != NULL ? error_run->message : "");
	}
	return n_failed > 0 ? 1 : 0;
}
