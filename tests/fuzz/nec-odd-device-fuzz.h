/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <fwupdplugin.h>

/*
 * The input of the device-side fuzz target: two header bytes, then one record per
 * SG_IO the plugin sends, answered in order; once the input is used up every
 * further ioctl fails with EIO, as a drive that stopped answering.
 *
 *   byte 0  bits 0-1 NecOddDeviceFuzzOp, bits 2-3 the sysfs device (see
 *           nec_odd_device_fuzz_sysfs), bit 4 /proc/mounts lists the drive,
 *           bit 5 install with --force
 *   byte 1  the image to install, index into the image table (modulo its size)
 *   record  u8 kind (NEC_ODD_DEVICE_FUZZ_KIND_*), then in this order what it names:
 *           ERRNO: u8 errno index, nothing else follows;
 *           STATUS: u8 status, u8 host_status, u8 driver_status;
 *           SENSE: u8 n, n sense bytes (sb_len_wr is n cut to mx_sb_len);
 *           RESID: s16 big-endian resid;
 *           data LITERAL: u16 big-endian n, n bytes (REPEAT: repeated over the
 *           whole transfer); FILL: u8 byte for the whole transfer; FLASH: u8
 *           index into the flash table, the bytes at the ReadRAM address.
 *           Data only reaches the buffer of a data-in command; unset fields are
 *           GOOD, no sense, resid 0, buffer untouched.
 */

typedef enum {
	NEC_ODD_DEVICE_FUZZ_OP_GET_DEVICES, /* probe, open, setup */
	NEC_ODD_DEVICE_FUZZ_OP_INSTALL,	    /* + prepare ... reload, as fwupdtool install */
	NEC_ODD_DEVICE_FUZZ_OP_DUMP,	    /* + dump_firmware, as fwupdtool firmware-dump */
	NEC_ODD_DEVICE_FUZZ_OP_VERIFY,	    /* + read_firmware, as fwupdtool verify */
} NecOddDeviceFuzzOp;

#define NEC_ODD_DEVICE_FUZZ_HDR_OP_MASK	    0x03
#define NEC_ODD_DEVICE_FUZZ_HDR_SYSFS_SHIFT 2
#define NEC_ODD_DEVICE_FUZZ_HDR_SYSFS_MASK  0x03
#define NEC_ODD_DEVICE_FUZZ_HDR_MOUNTED	    0x10
#define NEC_ODD_DEVICE_FUZZ_HDR_FORCE	    0x20
#define NEC_ODD_DEVICE_FUZZ_HDR_SIZE	    2

#define NEC_ODD_DEVICE_FUZZ_KIND_DATA_MASK    0x03
#define NEC_ODD_DEVICE_FUZZ_KIND_DATA_NONE    0x00
#define NEC_ODD_DEVICE_FUZZ_KIND_DATA_LITERAL 0x01
#define NEC_ODD_DEVICE_FUZZ_KIND_DATA_FILL    0x02
#define NEC_ODD_DEVICE_FUZZ_KIND_DATA_FLASH   0x03
#define NEC_ODD_DEVICE_FUZZ_KIND_STATUS	      0x04
#define NEC_ODD_DEVICE_FUZZ_KIND_SENSE	      0x08
#define NEC_ODD_DEVICE_FUZZ_KIND_RESID	      0x10
#define NEC_ODD_DEVICE_FUZZ_KIND_ERRNO	      0x20
#define NEC_ODD_DEVICE_FUZZ_KIND_REPEAT	      0x40

/* a drive the images and flash table describe */
typedef struct {
	const gchar *model;
	const gchar *revision; /* NULL: the model's oldest, as the simulator ships it */
	gboolean with_bootcode;
} NecOddDeviceFuzzFirmware;

/* the images fu_device_prepare_firmware() gets, and the flash contents FLASH reads */
const NecOddDeviceFuzzFirmware *
nec_odd_device_fuzz_images(guint *n);
const NecOddDeviceFuzzFirmware *
nec_odd_device_fuzz_flashes(guint *n);
GBytes *
nec_odd_device_fuzz_get_image(guint idx);
GBytes *
nec_odd_device_fuzz_get_flash(guint idx);

/* one input; TRUE if the operation completed, error says why not */
gboolean
nec_odd_device_fuzz_run(const guint8 *data, gsize size, GError **error);
/* SG_IO commands answered by the last run */
guint
nec_odd_device_fuzz_get_commands(void);
