#!/usr/bin/env bash
# Issue 10: on a real Debian 12 machine libusb 1.0.26 takes the netlink port
# fwupd 2.0.20's udev backend binds, and the engine disables that backend
# (fwupd issue 8083). tests/e2e/nec-netlink-clash.c makes the kernel refuse the
# bind the same way under the simulator; the plugin must then find the drive
# through sysfs itself: listed once, offered 3.07, and updated by fwupdmgr
# through the daemon, by fwupdtool install and by fwupdtool update.
. "$(dirname "$0")/lib.sh"
need_daemon
clash=$builddir/tests/e2e/libnec-netlink-clash.so
[ -f "$clash" ] || fail "$clash is missing: build first"
backend_failure='failed to setup backend udev: failed to set up netlink: bind to udev socket failed: Address already in use'

factory_drive

# expect_listed VERSION: get-devices lists the drive exactly once, at VERSION
# (fwupd's engine expects every updatable device to say whether its payload is signed)
expect_listed() {
	daemon_lists "^ND-3520A|$1|.*unsigned-payload"
}
run_update() {
	set -euo pipefail
	echo "== get-devices lists the drive once, at 1.04"
	expect_listed 1.04
	echo "== get-updates offers 3.07"
	fwupdmgr_ refresh
	fwupdmgr_ get-updates --json >"$work/updates.json"
	[ "$(fwupd_json devices "$work/updates.json" | wc -l)" = 1 ] || fail "get-updates does not list the ND-3520A once"
	fwupd_json releases "$work/updates.json" | cut -d'|' -f1 | paste -sd' ' | tee "$work/offered"
	grep -q '^3\.07\b' "$work/offered" || fail "3.07 is not offered first"
	echo "== update -y installs 3.07"
	fwupdmgr_ update -y --no-reboot-check
	expect_listed 3.07
}
# run_idle VERSION: listed at VERSION, then no command reaches the drive while the
# daemon idles for longer than the 5 s poll interval the plugin once had
# (contrib/bench.sh measures a full minute)
run_idle() {
	set -euo pipefail
	expect_listed "$1"
	local before after
	before=$(wc -l <"$work/idle.trace")
	sleep 6
	after=$(wc -l <"$work/idle.trace")
	echo "commands to the drive during 6 s of daemon idle: $((after - before))"
	[ "$after" -eq "$before" ] || fail "the drive got $((after - before)) commands while the daemon was idle"
}
export -f expect_listed run_update run_idle

# daemon LOG -- COMMAND…: one power cycle of the drive, the daemon with the clash
daemon() {
	local log=$1
	shift
	"$top/contrib/fwupd-daemon.sh" --netlink-clash --log "$work/$log" --state "$state" "$@"
	grep -qF "$backend_failure" "$work/$log" || fail "the daemon's udev backend did not fail (see $work/$log)"
	if grep -E 'CRITICAL|declare signed\/unsigned payload' "$work/$log"; then
		fail "the daemon logged a critical warning"
	fi
	echo "daemon log: $backend_failure"
}

echo "== the daemon, its udev backend disabled, updates the drive with fwupdmgr"
state=$work/state.daemon
cp "$work/state.factory" "$state"
daemon update.log -- bash -c run_update
expect_flashed "$fw/ND-3520A-3.07.bin" 3.07
echo "== after a power cycle the drive reports 3.07, and is left alone while the daemon idles"
daemon listed.log --trace "$work/idle.trace" -- bash -c 'run_idle 3.07'

# with_clash COMMAND…: COMMAND with the clash preload before umockdev's
with_clash() {
	sim --state "$state" -- sh -c 'LD_PRELOAD="$0 $LD_PRELOAD" exec "$@"' "$clash" "$@"
}
# clash_tool NAME FWUPDTOOL_ARGS…: fwupdtool with the clash on a factory-fresh
# drive: its udev backend fails, and the drive ends at 3.07
clash_tool() {
	local name=$1
	shift
	state=$work/state.$name
	cp "$work/state.factory" "$state"
	with_clash "$fwupdtool" "$@" -y -v >"$work/$name.out" 2>&1 ||
		{ log_of "$work/$name.out" | tail -n 20; fail "fwupdtool $name failed"; }
	grep -qF "$backend_failure" "$work/$name.out" || fail "fwupdtool $name's udev backend did not fail"
	echo "fwupdtool: $backend_failure"
	expect_flashed "$fw/ND-3520A-3.07.bin" 3.07
}

echo "== fwupdtool install, its udev backend disabled, installs 3.07"
clash_tool install install "$fw/ND-3520A-3.07.cab"

echo "== fwupdtool update, its udev backend disabled, installs 3.07 from the local remote"
# the remote fwupd-daemon.sh left in the root; 2 is "already up to date"
rc=0
sim --state "$work/state.factory" -- "$fwupdtool" refresh >/dev/null || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "fwupdtool refresh failed ($rc)"
clash_tool update update
echo "PASS"
