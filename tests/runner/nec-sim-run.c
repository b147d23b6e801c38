/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "NecSimRun"

#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "nec-sim-drive.h"
#include "nec-sim-garble.h"
#include "nec-sim-other-devices.h"
#include "nec-sim-sgio.h"
#include "nec-sim-testbed.h"
#include "nec-sim-trace.h"

/* exit codes of the runner itself, as env(1) and timeout(1) use them */
#define NEC_SIM_RUN_EXIT_FAILED	   125
#define NEC_SIM_RUN_EXIT_NOT_FOUND 127

#define NEC_SIM_RUN_PRELOAD "libumockdev-preload.so.0"

/* sdb…sdz: plain SATA disks on hosts after the fixed devices */
#define NEC_SIM_RUN_EXTRA_DISKS_MAX  25
#define NEC_SIM_RUN_EXTRA_DISKS_HOST 4

/* the share of answers --garble spoils unless --garble-rate says otherwise */
#define NEC_SIM_RUN_GARBLE_RATE 10

typedef struct {
	GMainLoop *loop;
	GPid pid;
	gint wait_status;
	NecSimDrive *drive;
	NecSimGarble *garble; /* nullable */
} NecSimRun;

static void
nec_sim_run_drive_execute(gpointer user_data,
			  const guint8 *cdb,
			  gsize cdb_len,
			  NecSimDir dir,
			  guint8 *data,
			  gsize data_len,
			  guint timeout_ms,
			  NecSimResult *result)
{
	NecSimRun *run = user_data;
	nec_sim_drive_execute_timed(run->drive,
				    cdb,
				    cdb_len,
				    dir,
				    data,
				    data_len,
				    timeout_ms,
				    result);
	if (run->garble != NULL)
		nec_sim_garble_answer(run->garble, dir, data, data_len, result);
}

/* a decimal or 0x-prefixed number no larger than max */
static gboolean
nec_sim_run_parse_uint(const gchar *option, const gchar *str, guint64 max, guint64 *value)
{
	g_autoptr(GError) error = NULL;
	gboolean hex = g_str_has_prefix(str, "0x");
	if (!g_ascii_string_to_unsigned(hex ? str + 2 : str,
					hex ? 16 : 10,
					0,
					max,
					value,
					&error)) {
		g_printerr("%s: %s\n", option, error->message);
		return FALSE;
	}
	return TRUE;
}

/* an emulated device and who answers its commands */
typedef struct {
	const NecSimTestbedDevice *sysfs;
	NecSimSgioFunc func;
	gpointer user_data;
} NecSimRunDevice;

/* /dev/NAME serves SG_IO from func, as the block device and its sg node both do */
static gboolean
nec_sim_run_serve(UMockdevTestbed *testbed,
		  const gchar *name,
		  const NecSimRunDevice *device,
		  NecSimTrace *trace,
		  GError **error)
{
	g_autofree gchar *devnode = g_strdup_printf("/dev/%s", name);
	g_autoptr(NecSimSgio) sgio = nec_sim_sgio_new(name, device->func, device->user_data, trace);

	if (!umockdev_testbed_attach_ioctl(testbed, devnode, UMOCKDEV_IOCTL_BASE(sgio), error)) {
		g_prefix_error(error, "failed to serve %s: ", devnode);
		return FALSE;
	}
	return TRUE;
}

/* the sg driver numbers devices in the order the SCSI scan finds them: by host */
static guint
nec_sim_run_sg_index(GArray *devices, const NecSimRunDevice *device)
{
	guint sg = 0;
	for (guint i = 0; i < devices->len; i++) {
		const NecSimRunDevice *other = &g_array_index(devices, NecSimRunDevice, i);
		if (other->sysfs->host < device->sysfs->host)
			sg++;
	}
	return sg;
}

static gboolean
nec_sim_run_attach_all(UMockdevTestbed *testbed,
		       GArray *devices,
		       NecSimTrace *trace,
		       GError **error)
{
	for (guint i = 0; i < devices->len; i++) {
		const NecSimRunDevice *device = &g_array_index(devices, NecSimRunDevice, i);
		const NecSimTestbedDevice *sysfs = device->sysfs;
		guint sg = nec_sim_run_sg_index(devices, device);
		g_autofree gchar *sg_name = g_strdup_printf("sg%u", sg);

		if (!nec_sim_testbed_add_device(testbed, sysfs, error))
			return FALSE;
		if (!nec_sim_testbed_add_sg(testbed, sysfs, sg, error))
			return FALSE;
		if (!nec_sim_run_serve(testbed, sysfs->name, device, trace, error))
			return FALSE;
		if (!nec_sim_run_serve(testbed, sg_name, device, trace, error))
			return FALSE;
		g_debug("serving /dev/%s and /dev/%s: %s %s %s",
			sysfs->name,
			sg_name,
			sysfs->vendor,
			sysfs->model,
			sysfs->revision);
	}
	return TRUE;
}

static void
nec_sim_run_add(GArray *devices,
		const NecSimTestbedDevice *sysfs,
		NecSimSgioFunc func,
		gpointer user_data)
{
	NecSimRunDevice device = {.sysfs = sysfs, .func = func, .user_data = user_data};
	g_array_append_val(devices, device);
}

static gchar **
nec_sim_run_child_environ(UMockdevTestbed *testbed)
{
	g_auto(GStrv) envp = g_get_environ();
	g_autofree gchar *root = umockdev_testbed_get_root_dir(testbed);
	const gchar *preload = g_environ_getenv(envp, "LD_PRELOAD");
	g_autofree gchar *preload_new = preload != NULL && preload[0] != '\0'
					    ? g_strdup_printf("%s %s", NEC_SIM_RUN_PRELOAD, preload)
					    : g_strdup(NEC_SIM_RUN_PRELOAD);

	envp = g_environ_setenv(g_steal_pointer(&envp), "LD_PRELOAD", preload_new, TRUE);
	envp = g_environ_setenv(g_steal_pointer(&envp), "UMOCKDEV_DIR", root, TRUE);
	return g_steal_pointer(&envp);
}

static void
nec_sim_run_child_exited_cb(GPid pid, gint wait_status, gpointer user_data)
{
	NecSimRun *run = user_data;
	run->wait_status = wait_status;
	g_spawn_close_pid(pid);
	g_main_loop_quit(run->loop);
}

/* the child may sit in its own loop and never see a signal sent to us */
static gboolean
nec_sim_run_forward_sigint_cb(gpointer user_data)
{
	NecSimRun *run = user_data;
	kill(run->pid, SIGINT);
	return G_SOURCE_CONTINUE;
}

static gboolean
nec_sim_run_forward_sigterm_cb(gpointer user_data)
{
	NecSimRun *run = user_data;
	kill(run->pid, SIGTERM);
	return G_SOURCE_CONTINUE;
}

/* plain disks that answer INQUIRY and TEST UNIT READY like the --other-devices one */
static NecSimOtherDevice *
nec_sim_run_extra_disks_new(guint n_disks)
{
	static gchar names[NEC_SIM_RUN_EXTRA_DISKS_MAX][4];
	NecSimOtherDevice *disks = g_new0(NecSimOtherDevice, n_disks);
	for (guint i = 0; i < n_disks && i < NEC_SIM_RUN_EXTRA_DISKS_MAX; i++) {
		g_snprintf(names[i], sizeof(names[i]), "sd%c", (gint)('b' + i));
		disks[i].sysfs.name = names[i];
		disks[i].sysfs.host = NEC_SIM_RUN_EXTRA_DISKS_HOST + i;
		disks[i].sysfs.major = 8;
		disks[i].sysfs.minor = 16 * (i + 1);
		disks[i].sysfs.type = 0;
		disks[i].sysfs.vendor = "ATA     ";
		disks[i].sysfs.model = "WDC WD10EZEX-00B";
		disks[i].sysfs.revision = "1A01";
		disks[i].ready = TRUE;
	}
	return disks;
}

/* for benchmarks: the drive's own model time and command count */
static gboolean
nec_sim_run_write_report(const gchar *path, NecSimDrive *drive, GError **error)
{
	g_autofree gchar *str = g_strdup_printf("busy_us=%" G_GUINT64_FORMAT "\ncommands=%u\n",
						(guint64)nec_sim_drive_get_busy_us(drive),
						(guint)nec_sim_drive_get_command_count(drive));
	return g_file_set_contents(path, str, -1, error);
}

static gint
nec_sim_run_exit_code(gint wait_status)
{
	if (WIFEXITED(wait_status))
		return WEXITSTATUS(wait_status);
	if (WIFSIGNALED(wait_status))
		return 128 + WTERMSIG(wait_status);
	return NEC_SIM_RUN_EXIT_FAILED;
}

/* SIGUSR1: the disc is inserted or removed, and the kernel says so as it does on a
 * real machine, with a change uevent carrying DISK_MEDIA_CHANGE=1 on the block device */
typedef struct {
	UMockdevTestbed *testbed;
	NecSimDrive *drive;
	const NecSimTestbedDevice *device;
	gboolean disc;
} NecSimRunMedia;

static gboolean
nec_sim_run_media_change_cb(gpointer user_data)
{
	NecSimRunMedia *media = user_data;
	g_autoptr(GError) error = NULL;

	media->disc = !media->disc;
	nec_sim_drive_set_disc(media->drive, media->disc);
	if (!nec_sim_testbed_media_change(media->testbed, media->device, &error))
		g_printerr("nec-sim-run: no media change uevent: %s\n", error->message);
	return G_SOURCE_CONTINUE;
}

int
main(int argc, char **argv)
{
	NecSimDriveOptions opts = {.time_scale = 0.001};
	NecSimRun run = {0};
	NecSimTestbedDevice nec_device = {.name = "sr0", .host = 2, .major = 11, .type = 5};
	NecSimRunMedia media = {0};
	const NecSimOtherDevice *others;
	gboolean other_devices = FALSE;
	gint fail_command = 0;
	gint power_loss_at = 0;
	gint extra_disks = 0;
	gint reset_at = 0;
	gint garble_rate = NEC_SIM_RUN_GARBLE_RATE;
	guint64 value = 0;
	g_autofree gchar *garble_seed = NULL;
	g_autofree gchar *erase_also_block = NULL;
	g_autofree gchar *short_read_ram = NULL;
	g_autofree gchar *vendor = NULL;
	g_autoptr(NecSimGarble) garble = NULL;
	gint exit_code;
	guint n_others = 0;
	g_autofree gchar *model = NULL;
	g_autofree gchar *firmware = NULL;
	g_autofree gchar *state = NULL;
	g_autofree gchar *trace_path = NULL;
	g_autofree gchar *report_path = NULL;
	g_autofree NecSimOtherDevice *disks = NULL;
	g_autoptr(GArray) devices = g_array_new(FALSE, FALSE, sizeof(NecSimRunDevice));
	g_auto(GStrv) command = NULL;
	g_auto(GStrv) envp = NULL;
	g_autoptr(GBytes) firmware_blob = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GOptionContext) context = g_option_context_new("-- COMMAND [ARG...]");
	/* declared in this order so that the testbed goes before the drive it serves */
	g_autoptr(NecSimDrive) drive = NULL;
	g_autoptr(NecSimTrace) trace = NULL;
	g_autoptr(UMockdevTestbed) testbed = NULL;
	const GOptionEntry entries[] = {
	    {"model",
	     '\0',
	     0,
	     G_OPTION_ARG_STRING,
	     &model,
	     "Drive model (default ND-3520A)",
	     "ND-3520A|ND-3540A"},
	    {"firmware",
	     '\0',
	     0,
	     G_OPTION_ARG_FILENAME,
	     &firmware,
	     "Flash this .BIN image first (default: the model's oldest version)",
	     "FILE"},
	    {"state",
	     '\0',
	     0,
	     G_OPTION_ARG_FILENAME,
	     &state,
	     "Flash contents: loaded if present, saved after every flash write and on exit",
	     "FILE"},
	    {"safe-mode",
	     '\0',
	     0,
	     G_OPTION_ARG_NONE,
	     &opts.safe_mode,
	     "Start with only the bootcode running",
	     NULL},
	    {"disc", '\0', 0, G_OPTION_ARG_NONE, &opts.disc, "A disc is loaded", NULL},
	    {"time-scale",
	     '\0',
	     0,
	     G_OPTION_ARG_DOUBLE,
	     &opts.time_scale,
	     "Device time factor: 1.0 real time, 0 no delays (default 0.001)",
	     "X"},
	    {"trace",
	     '\0',
	     0,
	     G_OPTION_ARG_FILENAME,
	     &trace_path,
	     "Write one line per SG_IO command on any device",
	     "FILE"},
	    {"fail-command",
	     '\0',
	     0,
	     G_OPTION_ARG_INT,
	     &fail_command,
	     "The Nth command to the drive answers CHECK CONDITION",
	     "N"},
	    {"power-loss-at",
	     '\0',
	     0,
	     G_OPTION_ARG_INT,
	     &power_loss_at,
	     "From the Nth command to the drive on, it does not answer",
	     "N"},
	    {"bridge-drops-vendor",
	     '\0',
	     0,
	     G_OPTION_ARG_NONE,
	     &opts.bridge_drops_vendor,
	     "Vendor opcodes answer ILLEGAL REQUEST, as behind a USB bridge",
	     NULL},
	    {"reset-at",
	     '\0',
	     0,
	     G_OPTION_ARG_INT,
	     &reset_at,
	     "At the Nth command to the drive it resets: RAM and mode lost, 06/29/00",
	     "N"},
	    {"slow-flash",
	     '\0',
	     0,
	     G_OPTION_ARG_NONE,
	     &opts.slow_flash,
	     "Erase and program at the flash chip's datasheet maximum",
	     NULL},
	    {"spin-up",
	     '\0',
	     0,
	     G_OPTION_ARG_DOUBLE,
	     &opts.spin_up,
	     "TEST UNIT READY answers 02/04/01 for this many real seconds after start",
	     "SECONDS"},
	    {"erase-also-block",
	     '\0',
	     0,
	     G_OPTION_ARG_STRING,
	     &erase_also_block,
	     "Fault: every erase also erases block N (0..18, also protected ones)",
	     "N"},
	    {"short-read-ram",
	     '\0',
	     0,
	     G_OPTION_ARG_STRING,
	     &short_read_ram,
	     "Fault: a ReadRAM transfer that reaches flash address ADDR stops there",
	     "ADDR"},
	    {"vendor",
	     '\0',
	     0,
	     G_OPTION_ARG_STRING,
	     &vendor,
	     "INQUIRY and sysfs vendor instead of _NEC (space padded to 8)",
	     "STR"},
	    {"garble",
	     '\0',
	     0,
	     G_OPTION_ARG_STRING,
	     &garble_seed,
	     "Spoil a seeded random choice of the drive's answers",
	     "SEED"},
	    {"garble-rate",
	     '\0',
	     0,
	     G_OPTION_ARG_INT,
	     &garble_rate,
	     "Percentage of answers --garble spoils (default 10)",
	     "PERCENT"},
	    {"other-devices",
	     '\0',
	     0,
	     G_OPTION_ARG_NONE,
	     &other_devices,
	     "Also add a HL-DT-ST DVD writer (/dev/sr1) and a SATA disk (/dev/sda)",
	     NULL},
	    {"extra-disks",
	     '\0',
	     0,
	     G_OPTION_ARG_INT,
	     &extra_disks,
	     "Also add N plain SATA disks (/dev/sdb…, at most 25)",
	     "N"},
	    {"report",
	     '\0',
	     0,
	     G_OPTION_ARG_FILENAME,
	     &report_path,
	     "At exit, write the drive's busy model time and command count",
	     "FILE"},
	    {G_OPTION_REMAINING, '\0', 0, G_OPTION_ARG_STRING_ARRAY, &command, NULL, NULL},
	    {NULL}};

	g_option_context_add_main_entries(context, entries, NULL);
	g_option_context_set_strict_posix(context, TRUE);
	g_option_context_set_summary(context,
				     "Run COMMAND under umockdev with a simulated NEC DVD writer "
				     "at /dev/sr0 and its sg node.");
	g_option_context_set_description(
	    context,
	    "COMMAND runs with LD_PRELOAD=" NEC_SIM_RUN_PRELOAD " and UMOCKDEV_DIR set.\n"
	    "Exit status: COMMAND's, 128+N if it died of signal N, 125 if the\n"
	    "runner failed, 127 if COMMAND could not be started.\n"
	    "Trace lines: SEQ DEV cdb=HEX cmd=NAME dir=none|in|out len=N\n"
	    "             status=GOOD|CHECK sense=KK/AA/QQ|NO-ANSWER|TIMEOUT|HOST-0xHH|0xSS\n"
	    "             [reset|short|erase-also-block|garbled=KIND]\n"
	    "NAME, decoded by the simulator: INQUIRY, TEST_UNIT_READY, other MMC names,\n"
	    "             ReadRAM/0xADDRESS/LEN[/rd=XX|/id=XXXXXX], SafeMode/enter|leave/KEY,\n"
	    "             WriteRAM/0xADDRESS/LEN, SendChecksum/INDEX/0xWORD, EraseBlock/N,\n"
	    "             ProgramBlock/N (or /bitmap=HEX), EraseBank, ReadBoot, unknown/0xOP;\n"
	    "             a vendor command with the bank bit ends in /bank1\n");
	if (!g_option_context_parse(context, &argc, &argv, &error)) {
		g_printerr("%s\n", error->message);
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (command == NULL || command[0] == NULL) {
		g_printerr("no COMMAND given; see --help\n");
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (fail_command < 0 || power_loss_at < 0 || opts.time_scale < 0) {
		g_printerr("--fail-command, --power-loss-at and --time-scale cannot be negative\n");
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (extra_disks < 0 || extra_disks > NEC_SIM_RUN_EXTRA_DISKS_MAX) {
		g_printerr("--extra-disks must be 0 to %d\n", NEC_SIM_RUN_EXTRA_DISKS_MAX);
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (reset_at < 0 || opts.spin_up < 0 || garble_rate < 1 || garble_rate > 100) {
		g_printerr(
		    "--reset-at and --spin-up cannot be negative, --garble-rate is 1 to 100\n");
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (erase_also_block != NULL) {
		if (!nec_sim_run_parse_uint("--erase-also-block", erase_also_block, 18, &value))
			return NEC_SIM_RUN_EXIT_FAILED;
		opts.erase_also = TRUE;
		opts.erase_also_block = (guint)value;
	}
	if (short_read_ram != NULL) {
		if (!nec_sim_run_parse_uint("--short-read-ram", short_read_ram, 0xFFFFF, &value))
			return NEC_SIM_RUN_EXIT_FAILED;
		opts.short_read_ram = TRUE;
		opts.short_read_ram_addr = (guint32)value;
	}
	if (vendor != NULL && (strlen(vendor) == 0 || strlen(vendor) > 8)) {
		g_printerr("--vendor takes 1 to 8 characters\n");
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (garble_seed != NULL) {
		if (!nec_sim_run_parse_uint("--garble", garble_seed, G_MAXUINT32, &value))
			return NEC_SIM_RUN_EXIT_FAILED;
		garble = nec_sim_garble_new((guint32)value, (guint)garble_rate);
	}
	opts.vendor = vendor;
	opts.reset_at = (guint)reset_at;
	opts.model = model;
	opts.state_path = state;
	opts.fail_command = (guint)fail_command;
	opts.power_loss_at = (guint)power_loss_at;

	/* the drive */
	if (firmware != NULL) {
		gchar *buf = NULL;
		gsize bufsz = 0;
		if (!g_file_get_contents(firmware, &buf, &bufsz, &error)) {
			g_printerr("%s\n", error->message);
			return NEC_SIM_RUN_EXIT_FAILED;
		}
		firmware_blob = g_bytes_new_take(buf, bufsz);
		opts.firmware = firmware_blob;
	}
	drive = nec_sim_drive_new(&opts, &error);
	if (drive == NULL) {
		g_printerr("failed to create the drive: %s\n", error->message);
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (trace_path != NULL) {
		trace = nec_sim_trace_new(trace_path, &error);
		if (trace == NULL) {
			g_printerr("%s\n", error->message);
			return NEC_SIM_RUN_EXIT_FAILED;
		}
	}

	/* its sysfs and /dev, with the identity the kernel saw at boot */
	testbed = nec_sim_testbed_new(&error);
	if (testbed == NULL) {
		g_printerr("failed to create the testbed: %s\n", error->message);
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	run.drive = drive;
	run.garble = garble;
	nec_device.vendor = nec_sim_drive_get_vendor(drive);
	nec_device.model = nec_sim_drive_get_product(drive);
	nec_device.revision = nec_sim_drive_get_revision(drive);
	nec_sim_run_add(devices, &nec_device, nec_sim_run_drive_execute, &run);
	others = nec_sim_other_devices_get(&n_others);
	for (guint i = 0; other_devices && i < n_others; i++)
		nec_sim_run_add(devices,
				&others[i].sysfs,
				nec_sim_other_device_execute,
				(gpointer)&others[i]);
	disks = nec_sim_run_extra_disks_new((guint)extra_disks);
	for (gint i = 0; i < extra_disks; i++)
		nec_sim_run_add(devices, &disks[i].sysfs, nec_sim_other_device_execute, &disks[i]);
	if (!nec_sim_run_attach_all(testbed, devices, trace, &error)) {
		g_printerr("%s\n", error->message);
		return NEC_SIM_RUN_EXIT_FAILED;
	}

	/* the testbed serves ioctls from this process, so it stays the parent */
	envp = nec_sim_run_child_environ(testbed);
	if (!g_spawn_async(NULL,
			   command,
			   envp,
			   G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
			       G_SPAWN_CHILD_INHERITS_STDIN,
			   NULL,
			   NULL,
			   &run.pid,
			   &error)) {
		g_printerr("failed to run %s: %s\n", command[0], error->message);
		return NEC_SIM_RUN_EXIT_NOT_FOUND;
	}
	run.loop = g_main_loop_new(NULL, FALSE);
	g_child_watch_add(run.pid, nec_sim_run_child_exited_cb, &run);
	g_unix_signal_add(SIGINT, nec_sim_run_forward_sigint_cb, &run);
	g_unix_signal_add(SIGTERM, nec_sim_run_forward_sigterm_cb, &run);
	media.testbed = testbed;
	media.drive = drive;
	media.device = &nec_device;
	media.disc = opts.disc;
	g_unix_signal_add(SIGUSR1, nec_sim_run_media_change_cb, &media);
	g_main_loop_run(run.loop);
	g_main_loop_unref(run.loop);
	exit_code = nec_sim_run_exit_code(run.wait_status);

	/* the drive saves after every flash write already; this catches the rest */
	if (state != NULL && !nec_sim_drive_save_state(drive, &error)) {
		g_printerr("failed to save %s: %s\n", state, error->message);
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	if (report_path != NULL && !nec_sim_run_write_report(report_path, drive, &error)) {
		g_printerr("failed to write %s: %s\n", report_path, error->message);
		return NEC_SIM_RUN_EXIT_FAILED;
	}
	return exit_code;
}
