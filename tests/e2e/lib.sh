# Sourced by the end-to-end tests: Debian's real fwupdtool, this build's
# module, and the simulated drive served through umockdev.
# meson passes NEC_ODD_BUILDDIR; each test gets its own private fwupd root.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
if [ ! -x /usr/bin/fwupdtool ] || [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs /usr/bin/fwupdtool and root"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEC_ODD_BUILDDIR=$builddir
export NEC_ODD_FWUPD_ROOT=$work/root

# run COMMAND against the simulated drive: sim [runner options] -- COMMAND…
sim() {
	"$builddir/tests/runner/nec-sim-run" "$@"
}

# a path, not a function: sim runs it as a child process
fwupdtool=$top/contrib/fwupdtool.sh

# make_image MODEL VERSION FILE
make_image() {
	"$builddir/tests/sim/nec-make-firmware" --model "$1" --version "$2" -o "$3" >/dev/null
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# json_devices FILE: one line per nec_odd device: name|version|flags|problems
json_devices() {
	python3 - "$1" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1])).get("Devices", []):
    if d.get("Plugin") != "nec_odd":
        continue
    print("|".join([d.get("Name", ""), d.get("Version", ""),
                    ",".join(d.get("Flags", [])), ",".join(d.get("Problems", [])),
                    d.get("Summary", ""), d.get("UpdateError", "")]))
PY
}

# json_plugin_of FILE NAME_SUBSTRING: the plugin that claimed that device
json_plugin_of() {
	python3 - "$1" "$2" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1])).get("Devices", []):
    if sys.argv[2] in d.get("Name", "") or sys.argv[2] in " ".join(d.get("InstanceIds", [])):
        print(d.get("Plugin"))
PY
}

# json_device_id FILE: the DeviceId of the nec_odd device
json_device_id() {
	python3 - "$1" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1])).get("Devices", []):
    if d.get("Plugin") == "nec_odd":
        print(d["DeviceId"])
PY
}

# flash_body STATE: the main firmware area (0x6000, 0xFA000 bytes) of a state file
flash_body() {
	tail -c +$((0x6000 + 1)) "$1" | head -c $((0xFA000))
}

# image_body FILE.bin: the body of an image file
image_body() {
	head -c $((0xFA000)) "$1"
}

# flash_protected STATE: bootcode and calibration blocks 0 and 1
flash_protected() {
	head -c $((0x6000)) "$1"
}

# make_cab MODEL VERSION DIR: DIR/VERSION.bin and DIR/VERSION.cab
make_cab() {
	make_image "$1" "$2" "$3/$2.bin"
	"$top/contrib/build-cab.sh" "$3/$2.bin" -o "$3/$2.cab" >/dev/null
}
