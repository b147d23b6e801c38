#!/usr/bin/env bash
# Issue 11: GNOME Software's Updates page. Debian's gnome-software 43.5 under
# Xvfb against the private fwupd daemon with the signed HTTP remote
# (contrib/gnome-software.sh): the accessibility tree must list the ND-3520A
# 1.04 → 3.07 with its release notes; its Update button, pressed through the
# accessible action, must take the simulated drive to 3.07 (flash contents and
# the version the daemon and the power-cycled drive report).
. "$(dirname "$0")/lib.sh"
need_programs /usr/libexec/fwupd/fwupd /usr/bin/fwupdmgr /usr/bin/gnome-software /usr/bin/Xvfb \
	/usr/bin/jcat-tool /usr/bin/certtool /usr/bin/xwd
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || { echo "SKIP: needs python3-pyatspi"; exit 77; }
need_cabinets 3.07
factory_drive
"$top/contrib/lvfs-sign.sh" pki "$work/pki"

gnome_software_update() {
	set -euo pipefail
	"$top/contrib/gnome-software.sh" --in-daemon -o "$work/updates.png" --update
	fwupdmgr --no-unreported-check get-devices --json >"$work/devices.json"
}
export -f gnome_software_update
"$top/contrib/fwupd-daemon.sh" --http-remote "$work/pki" --log "$work/fwupd.log" \
	--state "$state" --trace "$work/trace" -- bash -c gnome_software_update ||
	fail "GNOME Software did not list or install the update"

fwupd_json devices "$work/devices.json" | grep -q '^ND-3520A|3.07|' || fail "the daemon does not show 3.07"
grep -q 'verified payload firmware.bin' "$work/fwupd.log" || fail "the daemon did not verify the cabinet's signature"
[ "$(wc -c <"$work/updates.png")" -gt 10000 ] || fail "the screenshot is missing or empty"
expect_flashed "$fw/ND-3520A-3.07.bin" 3.07
echo "ok: $(flash_writes "$work/trace" | wc -l) stage/erase/program commands; flash holds 3.07, blocks 0 and 1 unchanged; the daemon and the power-cycled drive report 3.07"
echo PASS
