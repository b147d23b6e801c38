#!/usr/bin/env bash
# Issue 4 (safety), refusals: every reason not to flash stops the update
# before anything is written. Each attempt must (a) fail with a message that
# tells the user what to do, (b) send no CB command (stage, erase, program)
# in its own trace, and (c) leave the flash byte-for-byte unchanged.
# Every section starts from the same ND-3520A 1.04 flash; a failing section
# is reported and the others still run.
. "$(dirname "$0")/lib.sh"
make_cab ND-3520A 3.04 "$work"
factory_drive
find_drive
fwupd_json devices "$work/devices.json" | grep -q '^ND-3520A|1.04|' || fail "expected ND-3520A at 1.04"

disc() {
	reset_state
	sim --disc --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/disc.json"
	fwupd_json devices "$work/disc.json"
	[ "$(fwupd_json field "$work/disc.json" UpdateError)" = "Remove the disc from the drive" ] ||
		fail "get-devices does not show 'Remove the disc from the drive' as the UpdateError"
	fwupd_json field "$work/disc.json" Flags | grep -q 'updatable-hidden' ||
		fail "a drive with a disc is not marked updatable-hidden"
	expect_refusal disc-install 'Remove the disc from the drive' "$state" --disc -- \
		install "$work/3.04.cab" -y
	expect_refusal disc-install-blob-force 'Remove the disc from the drive' "$state" --disc -- \
		install-blob "$work/3.04.bin" "$id" -y --force
}

# fwupd reads <FWUPD_PROCFS>/mounts (fu_path_build(FU_PATH_KIND_PROCFS), see
# libfwupdplugin/fu-path.c). With --plugins nec_odd nothing else is read from
# there (cpuinfo and config.gz belong to fu-common's CPU helpers and the
# linux_* plugins); cpuinfo is copied anyway.
# Not emulated: a drive opened exclusively by another program (the plugin's
# O_EXCL open -> EBUSY). umockdev serves /dev/sr0 from this process tree only
# and does not model the block layer's exclusive-open bookkeeping, so no
# second program can hold the node the way a burning program would.
mounted() {
	reset_state
	mkdir -p "$work/procfs"
	cp /proc/cpuinfo "$work/procfs/cpuinfo"
	printf '%s\n' 'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0' \
		'/dev/sr0 /media/cdrom iso9660 ro,nosuid,nodev,relatime 0 0' >"$work/procfs/mounts"
	export FWUPD_PROCFS=$work/procfs
	expect_refusal mounted-install 'mounted at /media/cdrom: unmount it' "$state" -- \
		install "$work/3.04.cab" -y
	expect_refusal mounted-install-blob-force 'mounted at /media/cdrom: unmount it' "$state" -- \
		install-blob "$work/3.04.bin" "$id" -y --force
	# the check is for this drive only: other mounts do not stop the update
	printf '%s\n' '/dev/sda1 / ext4 rw 0 0' '/dev/sr1 /media/cdrom1 iso9660 ro 0 0' \
		>"$work/procfs/mounts"
	sim --state "$state" -- "$fwupdtool" install "$work/3.04.cab" -y --plugins nec_odd \
		>"$work/other-mounted.out" 2>&1 ||
		{ log_of "$work/other-mounted.out"; fail "a mount of another device stopped the update"; }
	cmp <(flash_body "$state") <(image_body "$work/3.04.bin") || fail "flash is not 3.04"
}

# --force must never lift the hardware ID check
other_hardware_id() {
	reset_state
	make_cab ND-3540A 2.16 "$work"
	# a cabinet for this drive's GUID (its INQUIRY product) that holds an
	# image with another hardware ID: fwupd offers it, the plugin must refuse
	patch_image "$work/3.04.bin" "$work/k354.bin" hwid=K354
	"$top/contrib/build-cab.sh" "$work/k354.bin" -o "$work/k354.cab" >/dev/null
	expect_refusal hwid-cab 'hardware ID K354 but this drive is K352' "$state" -- \
		install "$work/k354.cab" -y
	expect_refusal hwid-cab-force 'hardware ID K354 but this drive is K352' "$state" -- \
		install "$work/k354.cab" -y --force --allow-reinstall
	expect_refusal hwid-blob 'hardware ID K354 but this drive is K352.*not even with --force' \
		"$state" -- install-blob "$work/2.16.bin" "$id" -y
	expect_refusal hwid-blob-force 'hardware ID K354 but this drive is K352.*not even with --force' \
		"$state" -- install-blob "$work/2.16.bin" "$id" -y --force
	expect_refusal hwid-blob-force-all 'hardware ID K354 but this drive is K352' "$state" -- \
		install-blob "$work/2.16.bin" "$id" -y --force --allow-older --allow-reinstall \
		--ignore-checksum --ignore-vid-pid
}

# --force must never lift the bootcode check
other_bootcode() {
	reset_state
	patch_image "$work/3.04.bin" "$work/boot02.bin" bootcode=02
	expect_refusal bootcode-blob 'needs bootcode 02 but this drive has 01.*not even with --force' \
		"$state" -- install-blob "$work/boot02.bin" "$id" -y
	expect_refusal bootcode-blob-force 'needs bootcode 02 but this drive has 01.*not even with --force' \
		"$state" -- install-blob "$work/boot02.bin" "$id" -y --force --ignore-vid-pid
	"$top/contrib/build-cab.sh" "$work/boot02.bin" -o "$work/boot02.cab" >/dev/null
	expect_refusal bootcode-cab-force 'needs bootcode 02 but this drive has 01' "$state" -- \
		install "$work/boot02.cab" -y --force --allow-reinstall
}

# an OEM rebrand: same hardware ID and bootcode, another INQUIRY product
rebrand() {
	reset_state
	patch_image "$work/3.04.bin" "$work/rebrand.bin" 'product=DVD RW DW-D150A' fixsum
	"$fwupdtool" firmware-parse "$work/rebrand.bin" nec-odd >"$work/rebrand.parse" 2>&1 ||
		{ log_of "$work/rebrand.parse"; fail "the rebrand test image does not parse"; }
	grep -q 'DW-D150A' "$work/rebrand.parse" || fail "the rebrand test image does not show its product"
	expect_refusal rebrand-blob 'for a DVD RW DW-D150A but the drive reports DVD_RW ND-3520A: use --force' \
		"$state" -- install-blob "$work/rebrand.bin" "$id" -y
	echo "-- rebrand-blob-force: accepted with --force"
	sim --state "$state" -- "$fwupdtool" install-blob "$work/rebrand.bin" "$id" -y --force \
		--plugins nec_odd >"$work/rebrand-force.out" 2>&1 ||
		{ log_of "$work/rebrand-force.out"; fail "the rebrand image was refused with --force"; }
	cmp <(flash_body "$state") <(image_body "$work/rebrand.bin") ||
		fail "the flash does not hold the rebrand image"
	cmp <(flash_protected "$state") <(flash_protected "$work/state.factory") ||
		fail "bootcode or calibration changed"
	sim --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/rebrand.json"
	fwupd_json devices "$work/rebrand.json"
	fwupd_json field "$work/rebrand.json" InstanceIds | grep -q 'DEV_DVD-RW-DW-D150A' ||
		fail "the crossflashed drive does not report the DW-D150A product"
}

malformed() {
	reset_state
	# every family's sizes are named; below the smallest, between two and above the largest
	local sizes='expected 634888 or 634890 \(640K\), 753668 or 753670 \(768K\), 1024004 or 1024006 \(1M, 1M-K2\), 1966086 or 1966088 \(2M\)'
	patch_image "$work/3.04.bin" "$work/short.bin" size=600000
	expect_refusal truncated "image is 600000 bytes, $sizes: the file is truncated\$" "$state" -- \
		install-blob "$work/short.bin" "$id" -y --force
	patch_image "$work/3.04.bin" "$work/between.bin" size=1000000
	expect_refusal between-sizes "image is 1000000 bytes, $sizes: the file is truncated or too large" "$state" -- \
		install-blob "$work/between.bin" "$id" -y --force
	patch_image "$work/3.04.bin" "$work/long.bin" size=2000000
	expect_refusal oversized "image is 2000000 bytes, $sizes: the file is too large" "$state" -- \
		install-blob "$work/long.bin" "$id" -y --force
	patch_image "$work/3.04.bin" "$work/xxxx.bin" hwid=XXXX
	expect_refusal trailer-xxxx 'hardware ID XXXX, which is not a known NEC drive' "$state" -- \
		install-blob "$work/xxxx.bin" "$id" -y --force
	patch_image "$work/3.04.bin" "$work/badsum.bin" flip=0x1000
	# a 1M-size image is 1M or 1M-K2 by its checksums: neither rule holds
	expect_refusal bad-checksum 'image has a bad checksum \(1M: the word at 0xf9ffe is 0x[0-9a-f]{4} but the words from 0x0 sum to 0x[0-9a-f]{4}; 1M-K2: .*\): the file is damaged' \
		"$state" -- install-blob "$work/badsum.bin" "$id" -y --force
	: >"$work/empty.bin"
	expect_refusal empty 'zero size' "$state" -- install-blob "$work/empty.bin" "$id" -y --force
}

# the drive is listed (its INQUIRY works) but CB/CC/CD never reach it
bridge() {
	reset_state
	sim --bridge-drops-vendor --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd \
		>"$work/bridge.json"
	fwupd_json devices "$work/bridge.json"
	fwupd_json field "$work/bridge.json" UpdateError |
		grep -q 'does not answer NEC vendor commands: connect it directly' ||
		fail "get-devices does not give the bridge as the reason"
	if fwupd_json field "$work/bridge.json" Flags | tr ',' '\n' | grep -qx 'updatable'; then
		fail "a drive behind the bridge is marked updatable"
	fi
	expect_refusal bridge-install 'does not answer NEC vendor commands' "$state" --bridge-drops-vendor -- \
		install "$work/3.04.cab" -y
}

# install-blob skips fwupd's updatable check, so the plugin itself must refuse
# (it once crashed here: self->model was NULL): a refusal that names the
# reason, nothing written.
bridge_install_blob() {
	reset_state
	expect_refusal bridge-install-blob 'does not answer NEC vendor commands' "$state" \
		--bridge-drops-vendor -- install-blob "$work/3.04.bin" "$id" -y
	expect_refusal bridge-install-blob-force 'does not answer NEC vendor commands' "$state" \
		--bridge-drops-vendor -- install-blob "$work/3.04.bin" "$id" -y --force
}

# python3-dbusmock (Debian package) runs upower's template on a private
# dbus-daemon; fwupdtool gets DBUS_SYSTEM_BUS_ADDRESS and --plugins upower.
no_ac_power() {
	reset_state
	if ! /usr/bin/python3 -c 'import dbusmock' 2>/dev/null || ! command -v dbus-daemon >/dev/null; then
		skip "python3-dbusmock or dbus-daemon is not installed"
	fi
	mkdir -p "$work/upower"
	/usr/bin/python3 - "$work/upower/address" <<'PY' &
import os, signal, subprocess, sys
import dbus, dbusmock
from dbusmock import DBusTestCase
addr_file = sys.argv[1]
DBusTestCase.start_system_bus()
bus_pid = DBusTestCase.system_bus_pid
server, obj = DBusTestCase.spawn_server_template(
    "upower", {"OnBattery": True}, stdout=subprocess.DEVNULL)
# a laptop battery at 80 %, discharging: the AC rule applies, not the level one
obj.SetupDisplayDevice(dbus.UInt32(2), dbus.UInt32(2), 80.0, 40.0, 50.0, 10.0,
                       dbus.Int64(3600), dbus.Int64(0), True, "battery-good-symbolic",
                       dbus.UInt32(1), dbus_interface=dbusmock.MOCK_IFACE)
def stop(*_):
    server.terminate()
    server.wait()
    os.kill(bus_pid, signal.SIGTERM)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
with open(addr_file + ".tmp", "w") as f:
    f.write(os.environ["DBUS_SYSTEM_BUS_ADDRESS"])
os.rename(addr_file + ".tmp", addr_file)
while True:
    signal.pause()
PY
	mock_pid=$!
	trap 'kill "$mock_pid" 2>/dev/null; wait "$mock_pid" 2>/dev/null' EXIT
	for _ in $(seq 100); do
		[ -f "$work/upower/address" ] && break
		sleep 0.1
	done
	[ -f "$work/upower/address" ] || fail "the mock upower did not start"
	DBUS_SYSTEM_BUS_ADDRESS=$(cat "$work/upower/address")
	export DBUS_SYSTEM_BUS_ADDRESS
	sim --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd --plugins upower \
		>"$work/battery.json"
	fwupd_json devices "$work/battery.json"
	fwupd_json field "$work/battery.json" Problems | grep -q 'require-ac-power' ||
		fail "on battery, get-devices does not show the require-ac-power problem"
	sim --state "$state" -- "$fwupdtool" get-devices --plugins nec_odd --plugins upower \
		>"$work/battery.txt" 2>&1
	grep -q 'Device requires AC power to be connected' "$work/battery.txt" ||
		{ cat "$work/battery.txt"; fail "get-devices does not say that AC power is required"; }
	# fwupd 2.0.20's install only says the device "does not currently allow
	# updates" (fu-release.c appends the UpdateError, not the problem);
	# install-blob reaches fwupd's own power check, which says why
	expect_refusal battery-install 'does not currently allow updates' "$state" -- \
		install "$work/3.04.cab" -y --plugins upower
	expect_refusal battery-install-blob 'Cannot install update when not on AC power' "$state" -- \
		install-blob "$work/3.04.bin" "$id" -y --plugins upower
}

check "a disc in the drive" disc
check "the drive is mounted" mounted
check "another hardware ID, also with --force" other_hardware_id
check "another bootcode version, also with --force" other_bootcode
check "an OEM rebrand: refused, accepted with --force" rebrand
check "malformed images" malformed
check "behind a bridge that drops vendor commands" bridge
check "install-blob behind that bridge" bridge_install_blob
check "no AC power (mock upower on battery)" no_ac_power

finish
