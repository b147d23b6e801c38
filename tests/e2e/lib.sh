# Sourced by the end-to-end tests: Debian's real fwupdtool, this build's
# module, and the simulated drive served through umockdev.
# meson passes NEC_ODD_BUILDDIR; each test gets its own private fwupd root.
set -euo pipefail
# a failing $(…) inside a check fails the check too
shopt -s inherit_errexit
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

# a minimal SG_IO client: INQUIRY and TEST UNIT READY of a device node
export CLIENT=$builddir/tests/runner/nec-sim-client

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

# need_programs PATH…: the case cannot run without these (SKIP, exit 77)
need_programs() {
	local p
	for p in "$@"; do
		[ -x "$p" ] || { echo "SKIP: needs $p"; exit 77; }
	done
}

# need_cabinets VERSION…: the test cabinets the build makes in $fw
need_cabinets() {
	local v
	for v in "$@"; do
		[ -f "$fw/ND-3520A-$v.cab" ] || fail "$fw/ND-3520A-$v.cab is missing: build first"
	done
}

# run_workers JOBS FUNC: FUNC 0 … FUNC JOBS-1 in parallel, then their wall time
run_workers() {
	local start=$SECONDS k p pids=()
	for k in $(seq 0 $(($1 - 1))); do
		"$2" "$k" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	echo "sweep took $((SECONDS - start)) s"
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

# --- issue 4 (safety): refusals, fault sweeps, recovery ---

# Debian's python3: a pyenv shim first in PATH costs 0.7 s per start
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# log_of FILE: fwupdtool's output without its progress lines
log_of() {
	tr '\r' '\n' <"$1" | grep -v '…' || true
}

# patch_image IN OUT EDIT…: a copy of an image with edits applied in order:
#   product=STR   the INQUIRY product (16, space padded) at signature + 394 + 8
#   hwid=XXXX     the 4-byte trailer hardware ID
#   bootcode=XY   the 2-byte bootcode trailer
#   flip=OFFSET   XOR 0xFF into one body byte (the checksum word then no longer matches)
#   size=N        truncate to, or pad with 0xFF up to, N bytes
#   fixsum        recompute the checksum word at body 0xF9FFE: the sum of the
#                 big-endian words of body[0..0xF9FFE) modulo 65536
patch_image() {
	"$py" - "$@" <<'PY'
import sys
src, dst, *edits = sys.argv[1:]
data = bytearray(open(src, "rb").read())
BODY, SUM = 0xFA000, 0xF9FFE
SIG = bytes.fromhex("07000300780078007800")
for e in edits:
    k, _, v = e.partition("=")
    if k == "product":
        off = data.index(SIG, 0, BODY) + 394 + 8
        data[off:off + 16] = v.encode().ljust(16)[:16]
    elif k == "hwid":
        data[BODY:BODY + 4] = v.encode()
    elif k == "bootcode":
        assert len(data) == BODY + 6, "image has no bootcode trailer"
        data[BODY + 4:BODY + 6] = v.encode()
    elif k == "flip":
        data[int(v, 0)] ^= 0xFF
    elif k == "size":
        n = int(v, 0)
        data = data[:n] + b"\xff" * (n - len(data))
    elif k == "fixsum":
        s = sum(int.from_bytes(data[i:i + 2], "big") for i in range(0, SUM, 2)) & 0xFFFF
        data[SUM:SUM + 2] = s.to_bytes(2, "big")
    else:
        sys.exit(f"patch_image: unknown edit {e}")
open(dst, "wb").write(data)
PY
}

# json_field FILE KEY: one line per nec_odd device with that top-level JSON
# value (lists joined by commas)
json_field() {
	"$py" - "$1" "$2" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1])).get("Devices", []):
    if d.get("Plugin") == "nec_odd":
        v = d.get(sys.argv[2], "")
        print(",".join(v) if isinstance(v, list) else v)
PY
}

# sim_fwupdtool OUT [runner options] -- FWUPDTOOL_ARGS…: fwupdtool (with
# --plugins nec_odd), output in OUT and its exit status in OUT.rc, then in
# the same power cycle the drive's INQUIRY in OUT.inquiry
sim_fwupdtool() {
	local out=$1
	shift
	local opts=()
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	rm -f "$out.rc" "$out.inquiry"
	OUT=$out sim "${opts[@]}" -- bash -c '
		rc=0; "$0" "$@" --plugins nec_odd >"$OUT" 2>&1 || rc=$?
		echo "$rc" >"$OUT.rc"
		"$CLIENT" /dev/sr0 >"$OUT.inquiry" 2>&1 || true' "$fwupdtool" "$@" ||
		fail "the runner failed"
}

# not_in_safe_mode OUT: the INQUIRY sim_fwupdtool saved shows the main firmware
not_in_safe_mode() {
	grep -q "^inquiry type=5 .* revision='[1-9]" "$1.inquiry"
}

# expect_refusal NAME PATTERN STATE [runner options] -- FWUPDTOOL_ARGS…
# One attempt that must change nothing: fwupdtool (with --plugins nec_odd)
# fails, its output matches the extended regexp PATTERN, the attempt's own
# trace has no CB (stage/erase/program) command, the state file is
# byte-for-byte unchanged, and the drive, asked with INQUIRY right after
# fwupdtool in the same power cycle, is not left in safe mode.
# Output in $work/NAME.out, trace in $work/NAME.trace.
expect_refusal() {
	local name=$1 pattern=$2 state=$3
	shift 3
	local opts=()
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	local out=$work/$name.out trace=$work/$name.trace
	cp "$state" "$work/$name.before"
	rm -f "$trace"
	echo "-- $name: fwupdtool $*"
	local rc
	sim_fwupdtool "$out" "${opts[@]}" --state "$state" --trace "$trace" -- "$@"
	rc=$(cat "$out.rc")
	if [ "$rc" = 0 ]; then
		log_of "$out"
		fail "$name: fwupdtool succeeded, expected a refusal"
	fi
	log_of "$out" | sed 's/^/   | /'
	[ "$rc" -lt 125 ] || fail "$name: fwupdtool did not refuse, it died (exit status $rc)"
	log_of "$out" | grep -Eq -- "$pattern" || fail "$name: the message does not match /$pattern/"
	[ -s "$trace" ] || fail "$name: the drive got no command at all (trace empty)"
	if grep 'cdb=CB' "$trace"; then
		fail "$name: a CB (stage/erase/program) command was sent"
	fi
	cmp -s "$state" "$work/$name.before" || fail "$name: the flash changed"
	not_in_safe_mode "$out" || fail "$name: afterwards the drive is in safe mode or silent: $(cat "$out.inquiry")"
	echo "   ok: refused, $(wc -l <"$trace") commands, none CB, flash unchanged, not in safe mode"
}

# trace_commands TRACE: one line per traced command, "SEQ NAME", e.g.
# "97 CB04 erase block 7"
trace_commands() {
	"$py" - "$1" <<'PY'
import re, sys
def name(c):
    op = c[0]
    if op == 0x12:
        return "1200 INQUIRY"
    if op == 0x00:
        return "0000 TEST UNIT READY"
    if op == 0xCC and c[1] == 0x00:
        return "CC00 ReadRAM 0x%x len 0x%x" % (int.from_bytes(c[2:6], "big"), int.from_bytes(c[7:9], "big"))
    if op == 0xCC and c[1] == 0x01:
        return "CC01 %s safe mode" % ("enter" if c[2] else "leave")
    if op == 0xCC and c[1] == 0x04:
        return "CC04 SendChecksum 0x%04x" % int.from_bytes(c[2:4], "big")
    if op == 0xCB and c[1] == 0x01:
        return "CB01 WriteRAM 0x%x %u pages" % (int.from_bytes(c[2:6], "big"), c[8])
    if op == 0xCB and c[1] in (0x02, 0x04):
        block = next(((8 - j) * 8 + c[j].bit_length() - 1 for j in range(2, 9) if c[j]), None)
        return "CB%02X %s block %s" % (c[1], "program" if c[1] == 2 else "erase", block)
    if op == 0xCD:
        return "CD00 ReadBoot"
    return c.hex().upper()
for line in open(sys.argv[1]):
    m = re.match(r"(\d+) \S+ cdb=([0-9A-F]+) ", line)
    if m:
        print(m.group(1), name(bytes.fromhex(m.group(2))))
PY
}

# drive_shows FILE.json: what a power-cycled drive reports: "1.04", "3.04",
# "safe mode 0.01", or "no device"
drive_shows() {
	"$py" - "$1" <<'PY'
import json, sys
try:
    devs = [d for d in json.load(open(sys.argv[1])).get("Devices", []) if d.get("Plugin") == "nec_odd"]
except Exception:
    devs = []
if not devs:
    print("no device")
elif "needs recovery" in devs[0].get("Name", ""):
    print("safe mode " + devs[0].get("Version", "?"))
else:
    print(devs[0].get("Version", "?") + ("" if devs[0].get("Name") == "ND-3520A" else " " + devs[0].get("Name", "")))
PY
}

# skip REASON: inside a check, the case cannot run here
skip() {
	echo "SKIP: $*"
	exit 77
}

# check NAME COMMAND…: run COMMAND (a function or program) in a subshell
# with errexit, so that any failing command in it fails the check, not only
# the last one (a call inside `if` or `||` would run with errexit off).
# A failure is recorded and the test goes on, so that one broken check does
# not hide the others; skip() makes it SKIP, never ok; `finish` reports them.
check() {
	local name=$1 rc
	shift
	echo "== $name"
	echo "$name" >>"$work/checks-run"
	set +e
	(
		set -e
		"$@"
	)
	rc=$?
	set -e
	case $rc in
	0) echo "ok: $name" ;;
	77)
		echo "SKIP: $name"
		echo "$name" >>"$work/skipped-checks"
		;;
	*)
		echo "FAILED: $name (exit status $rc)" >&2
		echo "$name" >>"$work/failed-checks"
		;;
	esac
}

# finish: PASS (naming skipped checks), SKIP if every check was skipped, or
# FAIL naming every failed check
finish() {
	local n_skipped=0
	[ ! -s "$work/skipped-checks" ] || n_skipped=$(wc -l <"$work/skipped-checks")
	if [ -s "$work/failed-checks" ]; then
		echo "FAIL: $(wc -l <"$work/failed-checks") check(s) failed:" >&2
		sed 's/^/  - /' "$work/failed-checks" >&2
		exit 1
	fi
	if [ "$n_skipped" != 0 ]; then
		echo "SKIPPED: $n_skipped check(s):"
		sed 's/^/  - /' "$work/skipped-checks"
		if [ "$n_skipped" = "$(wc -l <"$work/checks-run")" ]; then
			echo "SKIP: every check was skipped"
			exit 77
		fi
	fi
	echo "PASS"
}
