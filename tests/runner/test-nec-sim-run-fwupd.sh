#!/bin/bash
# Debian's unmodified fwupdtool finds the simulated drive through its builtin
# scsi plugin, with private state directories; skipped without fwupdtool/root
set -euo pipefail

run="$1"
if [ ! -x /usr/bin/fwupdtool ] || [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs /usr/bin/fwupdtool and root"
	exit 77
fi
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/etc/fwupd" "$root/var/lib/fwupd" "$root/var/cache/fwupd" "$root/run/lock"
printf '[fwupd]\nIdleTimeout=0\n' >"$root/etc/fwupd/fwupd.conf"
chmod 0640 "$root/etc/fwupd/fwupd.conf"

env FWUPD_SYSCONFDIR="$root/etc" FWUPD_LOCALSTATEDIR="$root/var" \
	FWUPD_LOCKDIR="$root/run/lock" FWUPD_RUNDIR="$root/run" \
	CACHE_DIRECTORY="$root/var/cache/fwupd" STATE_DIRECTORY="$root/var/lib/fwupd" \
	CONFIGURATION_DIRECTORY="$root/etc/fwupd" \
	"$run" --trace "$root/trace" -- /usr/bin/fwupdtool get-devices --plugins scsi --json \
	>"$root/out"
cat "$root/trace"
grep -F '"SCSI\\VEN_NEC&DEV_DVD-RW-ND-3520A&REV_1.04"' "$root/out" ||
	{ cat "$root/out"; echo "FAIL: fwupdtool did not list the drive" >&2; exit 1; }
grep -q '^1 sr0 cdb=12000000FE00 cmd=INQUIRY dir=in len=254 status=GOOD$' "$root/trace" ||
	{ echo "FAIL: no INQUIRY in the trace" >&2; exit 1; }
echo "PASS"
