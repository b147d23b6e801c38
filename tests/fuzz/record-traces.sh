#!/usr/bin/env bash
# Record the traces the device-side fuzz seeds are made from: Debian's fwupdtool
# against the simulated drive, one trace per case of nec-odd-device-fuzz-seeds.c
# (same names, same drive set-up), so the seeds always follow the plugin's current
# command sequence. Every case is recorded; the exit status is 1 if one of them
# did not end as expected (its trace is kept, for what it shows).
#   ./tests/fuzz/record-traces.sh OUTDIR
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: record-traces.sh OUTDIR}
builddir=${NEC_ODD_BUILDDIR:-$top/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEC_ODD_FWUPD_ROOT=$work/root
sim=$top/contrib/sim.sh
fwupdtool=$top/contrib/fwupdtool.sh
rc_all=0
mkdir -p "$out"
rm -f "$out"/*.trace

# record NAME EXPECTED-EXIT [sim options] -- fwupdtool arguments
record() {
	local name=$1 want=$2 rc=0
	shift 2
	"$sim" --trace "$out/$name.trace" "$@" >"$work/$name.log" 2>&1 || rc=$?
	if { [ "$want" = 0 ] && [ $rc -ne 0 ]; } || { [ "$want" != 0 ] && [ $rc -eq 0 ]; }; then
		tr '\r' '\n' <"$work/$name.log" | grep -v '…' | tail -n 5 >&2
		echo "record-traces.sh: $name: fwupdtool exited $rc, expected $want" >&2
		rc_all=1
		return
	fi
	echo "record-traces.sh: $name: $(wc -l <"$out/$name.trace") commands"
}

# the image nec-odd-device-fuzz-seeds.c installs
"$builddir/tests/sim/nec-make-firmware" --model ND-3520A --version 3.04 -o "$work/3.04.bin" >/dev/null
"$top/contrib/build-cab.sh" "$work/3.04.bin" -o "$work/3.04.cab" >/dev/null
"$sim" --state "$work/state-3.04" --firmware "$work/3.04.bin" -- true

record get-devices 0 -- "$fwupdtool" get-devices
record get-devices-disc 0 --disc -- "$fwupdtool" get-devices
record get-devices-safe-mode 0 --safe-mode -- "$fwupdtool" get-devices
record install 0 -- "$fwupdtool" install "$work/3.04.cab" -y
record install-safe-mode 0 --safe-mode -- "$fwupdtool" install "$work/3.04.cab" -y
id=$("$sim" --state "$work/state-3.04" -- "$fwupdtool" get-devices --json 2>/dev/null |
	python3 -c 'import json,sys; print([d["DeviceId"] for d in json.load(sys.stdin)["Devices"] if d.get("Plugin") == "nec_odd"][0])')
record firmware-dump 0 --state "$work/state-3.04" -- "$fwupdtool" firmware-dump "$work/dump.bin" "$id"
exit $rc_all
