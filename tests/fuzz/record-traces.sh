#!/usr/bin/env bash
# Record the traces the device-side fuzz seeds are made from: Debian's fwupdtool
# against the simulated drive, one trace per case of nec-odd-device-fuzz-seeds.c
# (same names, same drive set-up). Run it again when the plugin's command
# sequence changes, and commit the result:
#   ./tests/fuzz/record-traces.sh [OUTDIR]   (default tests/fuzz/traces)
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/tests/fuzz/traces}
builddir=${NEC_ODD_BUILDDIR:-$top/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEC_ODD_FWUPD_ROOT=$work/root
sim=$top/contrib/sim.sh
fwupdtool=$top/contrib/fwupdtool.sh
mkdir -p "$out"

cab() { # MODEL VERSION: a cabinet of the simulator's synthetic image
	"$builddir/tests/sim/nec-make-firmware" --model "$1" --version "$2" -o "$work/$1-$2.bin" >/dev/null
	"$top/contrib/build-cab.sh" "$work/$1-$2.bin" -o "$work/$1-$2.cab" >/dev/null
	echo "$work/$1-$2.cab"
}

# record NAME EXPECTED-EXIT [sim options] -- fwupdtool arguments
record() {
	local name=$1 want=$2 rc=0
	shift 2
	"$sim" --trace "$out/$name.trace" "$@" >"$work/$name.log" 2>&1 || rc=$?
	if { [ "$want" = 0 ] && [ $rc -ne 0 ]; } || { [ "$want" != 0 ] && [ $rc -eq 0 ]; }; then
		tail -n 20 "$work/$name.log" >&2
		echo "record-traces.sh: $name exited $rc" >&2
		exit 1
	fi
	echo "$name: $(wc -l <"$out/$name.trace") commands"
}

cab3520=$(cab ND-3520A 3.04)
cab3540=$(cab ND-3540A 2.16)
"$sim" --state "$work/state-3.04" --firmware "$work/ND-3520A-3.04.bin" -- true

record get-devices 0 -- "$fwupdtool" get-devices
record get-devices-disc 0 --disc -- "$fwupdtool" get-devices
record get-devices-safe-mode 0 --safe-mode -- "$fwupdtool" get-devices
record install 0 -- "$fwupdtool" install "$cab3520" -y
record install-3540 0 --model ND-3540A -- "$fwupdtool" install "$cab3540" -y
record install-safe-mode 0 --safe-mode -- "$fwupdtool" install "$cab3520" -y
record install-disc 1 --disc -- "$fwupdtool" install "$cab3520" -y
id=$("$sim" --state "$work/state-3.04" -- "$fwupdtool" get-devices --json 2>/dev/null |
	python3 -c 'import json,sys; print([d["DeviceId"] for d in json.load(sys.stdin)["Devices"] if d.get("Plugin") == "nec_odd"][0])')
record firmware-dump 0 --state "$work/state-3.04" -- "$fwupdtool" firmware-dump "$work/dump.bin" "$id"
