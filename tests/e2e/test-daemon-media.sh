#!/usr/bin/env bash
# Issue 10: the daemon never polls the drive; a disc inserted or removed is
# seen from the kernel's change uevent (DISK_MEDIA_CHANGE=1 on the block
# device; nec-sim-run sends one on SIGUSR1, see tests/runner/README.md): the
# drive is inhibited with "Remove the disc" and released again, with one TEST
# UNIT READY per event and no other command, and nothing while it idles.
. "$(dirname "$0")/lib.sh"
need_programs /usr/libexec/fwupd/fwupd /usr/bin/fwupdmgr /usr/bin/dbus-daemon
factory_drive
trace=$work/trace
export trace

# listed LINE_REGEXP: within 5 s, fwupdmgr lists the drive once, matching LINE_REGEXP
listed() {
	for _ in $(seq 50); do
		fwupdmgr get-devices --json --no-unreported-check >"$work/devices.json"
		fwupd_json devices "$work/devices.json" >"$work/nec"
		[ "$(wc -l <"$work/nec")" -eq 1 ] && grep -Eq "$1" "$work/nec" && { cat "$work/nec"; return 0; }
		sleep 0.1
	done
	cat "$work/nec"
	fail "the drive is not listed as /$1/"
}
# media_change: the disc goes in or out; the drive gets one TEST UNIT READY for it
media_change() {
	local before
	before=$(wc -l <"$trace")
	kill -USR1 "$NEC_ODD_SIM_PID"
	sleep 1
	tail -n +$((before + 1)) "$trace" | cut -d' ' -f2,4 >"$work/new"
	echo "commands for the media change: $(wc -l <"$work/new")"
	if [ "$(wc -l <"$work/new")" -ne 1 ] || ! grep -qx 'sr0 cmd=TEST_UNIT_READY' "$work/new"; then
		cat "$work/new"
		fail "expected exactly one TEST UNIT READY"
	fi
}
run() {
	set -euo pipefail
	echo "== no disc: updatable"
	listed '^ND-3520A\|1\.04\|[^|]*,updatable,'
	echo "== a disc goes in: inhibited"
	media_change in
	listed '^ND-3520A\|1\.04\|.*\|Remove the disc from the drive$'
	echo "== the disc comes out: updatable again"
	media_change out
	listed '^ND-3520A\|1\.04\|[^|]*,updatable,'
	echo "== idle: no command"
	local before
	before=$(wc -l <"$trace")
	sleep 6
	[ "$(wc -l <"$trace")" -eq "$before" ] || fail "the drive got commands while the daemon was idle"
}
export -f listed media_change run
"$top/contrib/fwupd-daemon.sh" --no-remote --log "$work/daemon.log" --state "$state" --trace "$trace" -- bash -c run
echo "PASS"
