#!/usr/bin/env bash
# Record fwupd's own emulation of a 1.04 -> 3.04 update of a simulated ND-3520A:
#   ./contrib/record-emulation.sh [-o FILE.zip]
# (default data/device-tests/nec-odd-nd3520a.zip, the recording that
# data/device-tests/nec-odd-nd3520a.json replays with `fwupdmgr device-emulate`;
# tests/e2e/test-emulation.sh checks it). Two runs of contrib/fwupd-daemon.sh
# on a factory-fresh simulated drive, in a private fwupd root:
#   1. fwupdmgr emulation-tag DEVICE-ID (the drive is internal, so fwupd asks
#      for a daemon restart: the tag is kept in the history database);
#   2. the restarted daemon records the enumeration ("setup" phase), then
#      fwupdmgr install build/tests/firmware/ND-3520A-3.04.cab DEVICE-ID
#      records the update's phases, and fwupdmgr emulation-save writes them.
# The cabinet comes from the local remote's metadata, so the daemon trusts it
# as it trusts an LVFS download; the drive's AcquiesceDelay is 0 in the private
# root so that the run is short and the 5 s disc poll does not interleave.
# The saved archive is then made reproducible: event IDs in fwupd's compressed
# form (a '#' and the first 8 hex digits of the ID's SHA-1, as fwupd itself
# writes with FWUPD_CODEC_FLAG_COMPRESSED and as its own test data has them),
# the "Created" timestamps fixed, compact JSON, the members sorted, fixed dates
# and maximum deflate. The replay is unchanged by all of this. What can still
# differ between recordings: how many TEST UNIT READY polls saw the drive
# "becoming ready" after it left safe mode (the simulator's time).
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
out=$top/data/device-tests/nec-odd-nd3520a.zip
case ${1:-} in
-o) [ $# -eq 2 ] || { echo "usage: $0 [-o FILE.zip]" >&2; exit 2; }; out=$(realpath -m "$2") ;;
'') ;;
*) echo "usage: $0 [-o FILE.zip]" >&2; exit 2 ;;
esac
cab=$builddir/tests/firmware/ND-3520A-3.04.cab
[ -f "$cab" ] || { echo "record-emulation.sh: $cab is missing: meson compile -C $builddir" >&2; exit 1; }
[ -x "$builddir/tests/runner/nec-sim-run" ] || meson compile -C "$builddir" nec-sim-run >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# (not "tmp": contrib/fwupd-daemon.sh has its own, and COMMAND inherits it)
export NEC_ODD_BUILDDIR=$builddir NEC_ODD_FWUPD_ROOT=$tmp/root rec_dir=$tmp cab
mkdir -p "$tmp/root/var/lib/fwupd/quirks.d"
printf '[NEC_ODD\\HWID_K352]\nAcquiesceDelay = 0\n' >"$tmp/root/var/lib/fwupd/quirks.d/zz-record.quirk"
"$builddir/tests/runner/nec-sim-run" --state "$tmp/state" -- true # a factory-fresh ND-3520A at 1.04

# nec_odd_device FILE.json FIELD: that field of the one nec_odd device
nec_odd_device() {
	python3 - "$@" <<'PY'
import json, sys
devs = [d for d in json.load(open(sys.argv[1])).get("Devices", []) if d.get("Plugin") == "nec_odd"]
assert len(devs) == 1, f"expected one nec_odd device, got {len(devs)}"
v = devs[0].get(sys.argv[2], "")
print(",".join(v) if isinstance(v, list) else v)
PY
}
fwupdmgr_() { fwupdmgr --no-unreported-check --no-metadata-check "$@"; }
export -f nec_odd_device fwupdmgr_

daemon() {
	local log=$1
	shift
	if ! "$top/contrib/fwupd-daemon.sh" --log "$tmp/$log" --cab "$cab" --state "$tmp/state" -- "$@"; then
		echo "record-emulation.sh: failed; the end of the daemon's log:" >&2
		tail -n 30 "$tmp/$log" >&2
		return 1
	fi
}

tag() {
	set -euo pipefail
	fwupdmgr_ get-devices --json >"$rec_dir/devices.json"
	[ "$(nec_odd_device "$rec_dir/devices.json" Version)" = 1.04 ] || { echo "the drive is not at 1.04" >&2; exit 1; }
	id=$(nec_odd_device "$rec_dir/devices.json" DeviceId)
	echo "$id" >"$rec_dir/id"
	fwupdmgr_ emulation-tag "$id"
}
export -f tag
echo "== tag the drive for emulation"
daemon tag.log bash -c tag >"$tmp/tag.out" 2>&1 || { tr '\r' '\n' <"$tmp/tag.out" >&2; exit 1; }

record() {
	set -euo pipefail
	id=$(cat "$rec_dir/id")
	fwupdmgr_ get-devices --json >"$rec_dir/devices.json"
	nec_odd_device "$rec_dir/devices.json" Flags | grep -qw emulation-tag ||
		{ echo "the restarted daemon did not keep the emulation tag" >&2; exit 1; }
	fwupdmgr_ refresh >/dev/null
	fwupdmgr_ install -y --no-reboot-check "$cab" "$id"
	fwupdmgr_ get-devices --json >"$rec_dir/devices.json"
	[ "$(nec_odd_device "$rec_dir/devices.json" Version)" = 3.04 ] || { echo "the drive is not at 3.04" >&2; exit 1; }
	fwupdmgr_ emulation-save "$rec_dir/raw.zip"
}
export -f record
echo "== record the enumeration and the update to 3.04"
daemon record.log bash -c record >"$tmp/record.out" 2>&1 || { tr '\r' '\n' <"$tmp/record.out" >&2; exit 1; }
tr '\r' '\n' <"$tmp/record.out" | grep -v -e '…' -e 'UEFI ESP' -e 'PluginFlag:esp' || true
[ -s "$rec_dir/raw.zip" ] || { echo "record-emulation.sh: no recording was saved" >&2; tail -n 30 "$tmp/record.log" >&2; exit 1; }

echo "== compact"
mkdir -p "$(dirname "$out")"
python3 - "$tmp/raw.zip" "$out" <<'PY'
import hashlib, json, sys, zipfile

def compress_id(i):
    # fu_device_event_build_id(): '#' and the first 4 bytes of the SHA-1, in hex
    return i if i.startswith("#") else "#" + hashlib.sha1(i.encode()).hexdigest()[:8]

def walk(node):
    if isinstance(node, dict):
        for k, v in list(node.items()):
            if k == "Id" and isinstance(v, str):
                node[k] = compress_id(v)
            elif k == "Created" and isinstance(v, str):
                node[k] = "2026-01-01T00:00:00Z"
            else:
                walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)

src, dst = sys.argv[1:]
with zipfile.ZipFile(src) as z:
    members = {n: json.loads(z.read(n)) for n in z.namelist()}
with zipfile.ZipFile(dst + ".tmp", "w") as z:
    for name in sorted(members):
        walk(members[name])
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        data = json.dumps(members[name], separators=(",", ":"), ensure_ascii=False).encode()
        z.writestr(info, data, compresslevel=9)
        events = sum(len(d.get("Events", [])) for d in members[name].get("UsbDevices", []))
        print(f"  {name}: {events} events, {len(data)} bytes")
PY
mv "$out.tmp" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes, sha256 $(sha256sum <"$out" | cut -c1-16)…)"
