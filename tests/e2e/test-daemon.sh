#!/usr/bin/env bash
# Issue 5: the fwupd daemon end to end. Debian's /usr/libexec/fwupd/fwupd with
# this module, on a private system bus, under the simulator, with the local
# remote made from the test cabinets (contrib/fwupd-daemon.sh); fwupdmgr as
# the client. Each daemon run is one power cycle of the simulated drive.
. "$(dirname "$0")/lib.sh"
need_daemon
factory_drive

# daemon LOG [nec-sim-run options] -- COMMAND…: one power cycle with the daemon up
daemon() {
	local log=$1
	shift
	"$top/contrib/fwupd-daemon.sh" --log "$work/$log" --state "$state" "$@"
	if grep -q 'bind to udev socket failed' "$work/$log"; then
		fail "the daemon's udev backend lost the netlink socket to libusb (see $work/$log)"
	fi
}
run_update() {
	set -euo pipefail
	echo "== get-devices lists the ND-3520A at 1.04"
	daemon_lists '^ND-3520A|1.04|.*updatable.*can-verify-image'
	fwupdmgr_ get-devices | grep -A3 'ND-3520A:' # what a user sees

	echo "== refresh, get-updates offers 3.07 and 3.04 with their notes"
	fwupdmgr_ refresh # a local remote needs no --force
	fwupdmgr_ get-updates --json >"$work/updates.json"
	[ "$(fwupd_json devices "$work/updates.json" | wc -l)" = 1 ] || fail "get-updates does not list the ND-3520A once"
	fwupd_json releases "$work/updates.json" | tee "$work/releases"
	[ "$(cut -d'|' -f1 "$work/releases" | paste -sd' ')" = "3.07 3.04" ] || fail "3.07 and 3.04 are not offered"
	grep -q '^3\.07|.*16x media' "$work/releases" && grep -q '^3\.04|.*8x DVD+R DL' "$work/releases" ||
		fail "release notes missing"
	fwupdmgr_ get-updates | grep -E 'New version|Adds media'

	echo "== update -y goes to the newest, 3.07"
	fwupdmgr_ update -y --no-reboot-check
	daemon_lists '^ND-3520A|3.07|'

	echo "== get-history records it"
	fwupdmgr_ get-history --json >"$work/history.json"
	local from to result
	[ "$(fwupd_json devices "$work/history.json" | wc -l)" = 1 ] || fail "expected one history entry"
	from=$(fwupd_json field "$work/history.json" Version)
	to=$(fwupd_json releases "$work/history.json" | head -1 | cut -d'|' -f1)
	result=$(fwupd_json field "$work/history.json" UpdateState)
	echo "ND-3520A: $from -> $to, UpdateState $result"
	[ "$from" = 1.04 ] && [ "$to" = 3.07 ] || fail "wrong versions"
	[ "$result" = 2 ] || fail "update state is not success" # FWUPD_UPDATE_STATE_SUCCESS
}
export -f run_update
daemon update.log --trace "$work/trace" -- bash -c run_update
expect_flashed "$fw/ND-3520A-3.07.bin" 3.07
echo "commands sent: $(wc -l <"$work/trace"), of which stage/erase/program: $(flash_writes "$work/trace" | wc -l)"

# fwupd 2.0.20's fu_engine_verify() looks for a verify-update record first and
# stops at "failed to find …/verify/ID.xml" when there is none (it tests the
# FWUPD_ERROR_NOT_FOUND it sets against G_IO_ERROR_NOT_FOUND), so the
# metadata's content checksum is only consulted when a record exists that has
# no release for this version: this placeholder is one.
export verify_dir=$NEC_ODD_FWUPD_ROOT/var/lib/fwupd/verify
placeholder() {
	mkdir -p "$verify_dir"
	echo '<component type="firmware"/>' >"$verify_dir/$1.xml"
}
export -f placeholder

run_verify_good() {
	set -euo pipefail
	echo "== after a power cycle the drive reports 3.07"
	daemon_lists '^ND-3520A|3.07|'
	id=$(fwupd_json device-id "$work/devices.json")
	echo "$id" >"$work/id"

	echo "== verify passes against the release's content checksum in the metadata"
	placeholder "$id"
	fwupdmgr_ verify "$id"

	echo "== verify-update records the read-back image; verify passes against it"
	fwupdmgr_ verify-update "$id"
	grep -q "$(sha256sum <"$fw/ND-3520A-3.07.bin" | cut -d' ' -f1)" "$verify_dir/$id.xml" ||
		fail "the recorded checksum is not the 3.07 image's"
	fwupdmgr_ verify "$id"
}
export -f run_verify_good
daemon verify-good.log -- bash -c run_verify_good

echo "== two bytes changed in the main area, the 16-bit word sum kept: the drive boots normally"
python3 - "$state" <<'PY'
import sys
path = sys.argv[1]
flash = bytearray(open(path, "rb").read())
off = 0x6000 + 0x10000  # body 0x10000: filler, far from the signature and the checksum word
a = int.from_bytes(flash[off:off + 2], "big")
b = int.from_bytes(flash[off + 2:off + 4], "big")
flash[off:off + 2] = ((a + 1) & 0xFFFF).to_bytes(2, "big")
flash[off + 2:off + 4] = ((b - 1) & 0xFFFF).to_bytes(2, "big")
open(path, "wb").write(flash)
print(f"flash 0x{off:05x}: {a:04x} {b:04x} -> {(a + 1) & 0xFFFF:04x} {(b - 1) & 0xFFFF:04x}")
PY
cp "$state" "$work/state.tampered"

run_verify_bad() {
	set -euo pipefail
	id=$(cat "$work/id")
	# the changed drive boots its 3.07 firmware
	daemon_lists '^ND-3520A|3.07|'

	echo "== verify fails against the verify-update record"
	if fwupdmgr_ verify "$id" >"$work/out" 2>&1; then
		cat "$work/out"
		fail "verify passed on a changed flash"
	fi
	grep -v '…: ' "$work/out"
	grep -q 'expected.*got' "$work/out" || fail "verify failed for another reason"

	echo "== verify fails against the metadata's content checksum"
	placeholder "$id"
	if fwupdmgr_ verify "$id" >"$work/out" 2>&1; then
		cat "$work/out"
		fail "verify passed on a changed flash"
	fi
	grep -v '…: ' "$work/out"
	grep -q "expected $(sha256sum <"$fw/ND-3520A-3.07.bin" | cut -d' ' -f1)" "$work/out" ||
		fail "verify did not compare with the 3.07 content checksum"
}
export -f run_verify_bad
daemon verify-bad.log -- bash -c run_verify_bad
cmp "$state" "$work/state.tampered" || fail "verify changed the flash"
echo "PASS"
