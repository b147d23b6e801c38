/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A minimal SG_IO client, independent of fwupd, to prove that the runner
 * serves a device node as the kernel would: the generic sg ioctls, INQUIRY
 * and TEST UNIT READY, and ENOTTY for anything else.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <scsi/sg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define NEC_SIM_CLIENT_SENSE_LEN 32

static gboolean
nec_sim_client_sg_io(gint fd, const guint8 *cdb, gsize cdb_len, guint8 *buf, gsize bufsz)
{
	guint8 sense[NEC_SIM_CLIENT_SENSE_LEN] = {0};
	struct sg_io_hdr hdr = {
	    .interface_id = 'S',
	    .dxfer_direction = bufsz > 0 ? SG_DXFER_FROM_DEV : SG_DXFER_NONE,
	    .cmdp = (guint8 *)cdb,
	    .cmd_len = cdb_len,
	    .dxferp = buf,
	    .dxfer_len = bufsz,
	    .sbp = sense,
	    .mx_sb_len = sizeof(sense),
	    .timeout = 20000,
	};

	if (ioctl(fd, SG_IO, &hdr) < 0) {
		g_print("cdb %02X: SG_IO failed: %s\n", cdb[0], g_strerror(errno));
		return FALSE;
	}
	g_print("cdb %02X: status=0x%02x masked=0x%02x host=0x%02x driver=0x%02x "
		"sb_len_wr=%u resid=%d info=0x%x",
		cdb[0],
		hdr.status,
		hdr.masked_status,
		hdr.host_status,
		hdr.driver_status,
		hdr.sb_len_wr,
		hdr.resid,
		hdr.info);
	if (hdr.sb_len_wr >= 14)
		g_print(" sense=%02X/%02X/%02X", sense[2] & 0x0Fu, sense[12], sense[13]);
	g_print("\n");
	return hdr.status == 0 && hdr.host_status == 0 && hdr.driver_status == 0;
}

int
main(int argc, char **argv)
{
	const guint8 cdb_inquiry[] = {0x12, 0x00, 0x00, 0x00, 36, 0x00};
	const guint8 cdb_tur[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	guint8 buf[36] = {0};
	gint fd;
	gint value = 0;
	gint timeout;
	gint reserved = 0;
	gint emulated = 0;
	gboolean ok;

	if (argc != 2) {
		g_printerr("usage: %s /dev/srN\n", argv[0]);
		return 2;
	}

	/* as fwupd does: without O_NONBLOCK an empty tray fails the open */
	fd = open(argv[1], O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		g_printerr("cannot open %s: %s\n", argv[1], g_strerror(errno));
		return 1;
	}

	if (ioctl(fd, SG_GET_VERSION_NUM, &value) < 0 ||
	    ioctl(fd, SG_GET_RESERVED_SIZE, &reserved) < 0 ||
	    ioctl(fd, SG_EMULATED_HOST, &emulated) < 0) {
		g_printerr("generic sg ioctl failed: %s\n", g_strerror(errno));
		return 1;
	}
	timeout = ioctl(fd, SG_GET_TIMEOUT, NULL);
	g_print("sg version=%d timeout=%d reserved=%d emulated=%d\n",
		value,
		timeout,
		reserved,
		emulated);
	if (ioctl(fd, SG_SCSI_RESET, &value) == 0 || errno != ENOTTY) {
		g_printerr("SG_SCSI_RESET should fail with ENOTTY\n");
		return 1;
	}

	ok = nec_sim_client_sg_io(fd, cdb_inquiry, sizeof(cdb_inquiry), buf, sizeof(buf));
	if (ok) {
		g_print("inquiry type=%u vendor='%.8s' product='%.16s' revision='%.4s'\n",
			buf[0] & 0x1Fu,
			buf + 8,
			buf + 16,
			buf + 32);
	}
	nec_sim_client_sg_io(fd, cdb_tur, sizeof(cdb_tur), NULL, 0);
	close(fd);
	return ok ? 0 : 1;
}
