/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-testbed.h"

/* an Intel ICH9 AHCI controller, a common home for SATA optical drives */
#define NEC_SIM_TESTBED_PCI_SLOT "0000:00:1f.2"
#define NEC_SIM_TESTBED_PCI_PATH "/devices/pci0000:00/" NEC_SIM_TESTBED_PCI_SLOT

#define NEC_SIM_TESTBED_SCSI_TYPE_DISK	0x00
#define NEC_SIM_TESTBED_SCSI_TYPE_CDROM 0x05

/* SCSI_GENERIC_MAJOR */
#define NEC_SIM_TESTBED_SG_MAJOR 21

/* what udev's cdrom_id reports for an empty DVD writer */
static const gchar *nec_sim_testbed_cdrom_props[] = {
    "ID_CDROM=1",
    "ID_CDROM_CD=1",
    "ID_CDROM_CD_R=1",
    "ID_CDROM_CD_RW=1",
    "ID_CDROM_DVD=1",
    "ID_CDROM_DVD_R=1",
    "ID_CDROM_DVD_RW=1",
    "ID_CDROM_DVD_PLUS_R=1",
    "ID_CDROM_DVD_PLUS_RW=1",
    "ID_CDROM_DVD_PLUS_R_DL=1",
    "ID_TYPE=cd",
    "TAGS=:systemd:uaccess:seat:",
    "CURRENT_TAGS=:systemd:uaccess:seat:",
    "SYSTEMD_MOUNT_DEVICE_BOUND=1",
    NULL,
};

static const gchar *nec_sim_testbed_disk_props[] = {
    "ID_ATA=1",
    "ID_TYPE=disk",
    "TAGS=:systemd:",
    "CURRENT_TAGS=:systemd:",
    NULL,
};

UMockdevTestbed *
nec_sim_testbed_new(GError **error)
{
	g_autoptr(UMockdevTestbed) testbed = umockdev_testbed_new();
	const gchar *record = "P: " NEC_SIM_TESTBED_PCI_PATH "\n"
			      "E: SUBSYSTEM=pci\n"
			      "E: DRIVER=ahci\n"
			      "E: PCI_CLASS=10601\n"
			      "E: PCI_ID=8086:2922\n"
			      "E: PCI_SUBSYS_ID=8086:2922\n"
			      "E: PCI_SLOT_NAME=" NEC_SIM_TESTBED_PCI_SLOT "\n"
			      "A: vendor=0x8086\n"
			      "A: device=0x2922\n"
			      "A: class=0x010601\n";

	if (!umockdev_testbed_add_from_string(testbed, record, error))
		return NULL;
	return g_steal_pointer(&testbed);
}

/* udev's ID_MODEL: trimmed, inner spaces as underscores */
static gchar *
nec_sim_testbed_udev_string(const gchar *value)
{
	g_autofree gchar *tmp = g_strstrip(g_strdup(value));
	return g_strdelimit(g_steal_pointer(&tmp), " ", '_');
}

/* sysfs files end with a newline; the record format cannot say that */
static void
nec_sim_testbed_set_attr(UMockdevTestbed *testbed,
			 const gchar *devpath,
			 const gchar *name,
			 const gchar *value)
{
	g_autofree gchar *value_nl = g_strdup_printf("%s\n", value);
	umockdev_testbed_set_attribute(testbed, devpath, name, value_nl);
}

gboolean
nec_sim_testbed_add_device(UMockdevTestbed *testbed,
			   const NecSimTestbedDevice *device,
			   GError **error)
{
	const gchar **props = device->type == NEC_SIM_TESTBED_SCSI_TYPE_CDROM
				  ? nec_sim_testbed_cdrom_props
				  : nec_sim_testbed_disk_props;
	guint port = device->host + 1;
	g_autofree gchar *host_path =
	    g_strdup_printf(NEC_SIM_TESTBED_PCI_PATH "/ata%u/host%u", port, device->host);
	g_autofree gchar *target_path = g_strdup_printf("%s/target%u:0:0", host_path, device->host);
	g_autofree gchar *sdev_path = g_strdup_printf("%s/%u:0:0:0", target_path, device->host);
	g_autofree gchar *block_path = g_strdup_printf("%s/block/%s", sdev_path, device->name);
	g_autofree gchar *sys_sdev_path = g_strdup_printf("/sys%s", sdev_path);
	g_autofree gchar *sys_block_path = g_strdup_printf("/sys%s", block_path);
	g_autofree gchar *id_model = nec_sim_testbed_udev_string(device->model);
	g_autofree gchar *id_revision = nec_sim_testbed_udev_string(device->revision);
	g_autofree gchar *type = g_strdup_printf("%u", device->type);
	g_autoptr(GString) record = g_string_new(NULL);

	/* the record format lists the device first, then its parents */
	g_string_append_printf(record, "P: %s\nN: %s\n", block_path, device->name);
	g_string_append_printf(record,
			       "E: DEVNAME=/dev/%s\n"
			       "E: DEVTYPE=disk\n"
			       "E: SUBSYSTEM=block\n"
			       "E: MAJOR=%u\n"
			       "E: MINOR=%u\n"
			       "E: ID_BUS=ata\n"
			       "E: ID_MODEL=%s\n"
			       "E: ID_REVISION=%s\n"
			       "E: ID_PATH=pci-" NEC_SIM_TESTBED_PCI_SLOT "-ata-%u\n"
			       "E: ID_PATH_TAG=pci-0000_00_1f_2-ata-%u\n",
			       device->name,
			       device->major,
			       device->minor,
			       id_model,
			       id_revision,
			       port,
			       port);
	for (guint i = 0; props[i] != NULL; i++)
		g_string_append_printf(record, "E: %s\n", props[i]);
	g_string_append_printf(record, "A: dev=%u:%u\n", device->major, device->minor);
	g_string_append(record, "L: device=../../../");
	g_string_append_printf(record, "%u:0:0:0\n\n", device->host);
	g_string_append_printf(record,
			       "P: %s\n"
			       "E: DEVTYPE=scsi_device\n"
			       "E: SUBSYSTEM=scsi\n"
			       "E: DRIVER=%s\n\n",
			       sdev_path,
			       device->type == NEC_SIM_TESTBED_SCSI_TYPE_CDROM ? "sr" : "sd");
	g_string_append_printf(record,
			       "P: %s\nE: DEVTYPE=scsi_target\nE: SUBSYSTEM=scsi\n\n",
			       target_path);
	g_string_append_printf(record,
			       "P: %s\nE: DEVTYPE=scsi_host\nE: SUBSYSTEM=scsi\n\n",
			       host_path);
	if (!umockdev_testbed_add_from_string(testbed, record->str, error)) {
		g_prefix_error(error, "failed to add %s: ", device->name);
		return FALSE;
	}

	/* the record format trims values, and the kernel pads these */
	nec_sim_testbed_set_attr(testbed, sys_sdev_path, "type", type);
	nec_sim_testbed_set_attr(testbed, sys_sdev_path, "vendor", device->vendor);
	nec_sim_testbed_set_attr(testbed, sys_sdev_path, "model", device->model);
	nec_sim_testbed_set_attr(testbed, sys_sdev_path, "rev", device->revision);
	nec_sim_testbed_set_attr(testbed, sys_sdev_path, "state", "running");
	nec_sim_testbed_set_attr(testbed,
				 sys_block_path,
				 "removable",
				 device->type == NEC_SIM_TESTBED_SCSI_TYPE_CDROM ? "1" : "0");
	nec_sim_testbed_set_attr(testbed, sys_block_path, "ro", "0");
	return TRUE;
}

/*
 * The sg node the kernel's sg driver gives every SCSI device, numbered in the
 * order the devices were found: /dev/sgN (char 21:N), in sysfs as
 * scsi_generic/sgN under the scsi_device, which links to it as "generic".
 */
gboolean
nec_sim_testbed_add_sg(UMockdevTestbed *testbed,
		       const NecSimTestbedDevice *device,
		       guint sg,
		       GError **error)
{
	g_autofree gchar *sdev_path =
	    g_strdup_printf(NEC_SIM_TESTBED_PCI_PATH "/ata%u/host%u/target%u:0:0/%u:0:0:0",
			    device->host + 1,
			    device->host,
			    device->host,
			    device->host);
	g_autofree gchar *sys_sdev_path = g_strdup_printf("/sys%s", sdev_path);
	g_autofree gchar *generic = g_strdup_printf("scsi_generic/sg%u", sg);
	g_autofree gchar *record = g_strdup_printf("P: %s/scsi_generic/sg%u\n"
						   "N: sg%u\n"
						   "E: DEVNAME=/dev/sg%u\n"
						   "E: SUBSYSTEM=scsi_generic\n"
						   "E: MAJOR=%u\n"
						   "E: MINOR=%u\n"
						   "A: dev=%u:%u\n"
						   "L: device=../../../%u:0:0:0\n",
						   sdev_path,
						   sg,
						   sg,
						   sg,
						   (guint)NEC_SIM_TESTBED_SG_MAJOR,
						   sg,
						   (guint)NEC_SIM_TESTBED_SG_MAJOR,
						   sg,
						   device->host);

	if (!umockdev_testbed_add_from_string(testbed, record, error)) {
		g_prefix_error(error, "failed to add sg%u: ", sg);
		return FALSE;
	}
	umockdev_testbed_set_attribute_link(testbed, sys_sdev_path, "generic", generic);
	return TRUE;
}

/* the header udevd puts before the properties it re-broadcasts (libudev's
 * udev_monitor_netlink_header): the format fwupd's udev backend parses */
#define NEC_SIM_TESTBED_UDEV_MAGIC 0xfeedcafe
typedef struct {
	gchar prefix[8];
	guint32 magic; /* big endian */
	guint32 header_size;
	guint32 properties_off;
	guint32 properties_len;
	guint32 filter_subsystem_hash;
	guint32 filter_devtype_hash;
	guint32 filter_tag_bloom_hi;
	guint32 filter_tag_bloom_lo;
} NecSimTestbedUdevHeader;

/*
 * A disc was inserted or removed: the kernel sends a change uevent with
 * DISK_MEDIA_CHANGE=1 for the block device and udevd passes it on. umockdev's
 * preload turns every uevent netlink socket of the command into a Unix datagram
 * socket ROOT/eventFD; the message goes to each of them. (umockdev_testbed_uevent()
 * resolves the device through libudev, which needs the preload this runner lacks.)
 */
gboolean
nec_sim_testbed_media_change(UMockdevTestbed *testbed,
			     const NecSimTestbedDevice *device,
			     GError **error)
{
	static guint seqnum = 0;
	const gchar *root = umockdev_testbed_get_root_dir(testbed);
	const gchar *name;
	NecSimTestbedUdevHeader hdr = {.prefix = "libudev"};
	g_autoptr(GString) props = g_string_new(NULL);
	g_autoptr(GByteArray) msg = g_byte_array_new();
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GSocket) sock = NULL;

	g_string_append(props, "ACTION=change");
	g_string_append_c(props, '\0');
	g_string_append_printf(props,
			       "DEVPATH=" NEC_SIM_TESTBED_PCI_PATH
			       "/ata%u/host%u/target%u:0:0/%u:0:0:0/block/%s",
			       device->host + 1,
			       device->host,
			       device->host,
			       device->host,
			       device->name);
	g_string_append_c(props, '\0');
	g_string_append(props, "SUBSYSTEM=block");
	g_string_append_c(props, '\0');
	g_string_append_printf(props, "DEVNAME=/dev/%s", device->name);
	g_string_append_c(props, '\0');
	g_string_append(props, "DEVTYPE=disk");
	g_string_append_c(props, '\0');
	g_string_append(props, "DISK_MEDIA_CHANGE=1");
	g_string_append_c(props, '\0');
	g_string_append_printf(props, "SEQNUM=%u", ++seqnum);
	g_string_append_c(props, '\0');
	hdr.magic = GUINT32_TO_BE(NEC_SIM_TESTBED_UDEV_MAGIC);
	hdr.header_size = sizeof(hdr);
	hdr.properties_off = sizeof(hdr);
	hdr.properties_len = props->len;
	g_byte_array_append(msg, (const guint8 *)&hdr, sizeof(hdr));
	g_byte_array_append(msg, (const guint8 *)props->str, props->len);

	sock = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, 0, error);
	if (sock == NULL)
		return FALSE;
	dir = g_dir_open(root, 0, error);
	if (dir == NULL)
		return FALSE;
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *path = NULL;
		g_autoptr(GSocketAddress) addr = NULL;
		g_autoptr(GError) error_local = NULL;

		if (!g_str_has_prefix(name, "event"))
			continue;
		path = g_build_filename(root, name, NULL);
		addr = g_unix_socket_address_new(path);
		/* a socket its owner closed answers ECONNREFUSED: nobody listens there */
		if (g_socket_send_to(sock,
				     addr,
				     (const gchar *)msg->data,
				     msg->len,
				     NULL,
				     &error_local) < 0)
			g_debug("%s: %s", path, error_local->message);
	}
	return TRUE;
}
