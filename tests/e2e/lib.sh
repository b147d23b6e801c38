# The one preamble of the end-to-end tests: Debian's real fwupdtool, this
# build's module, and the simulated drive served through umockdev. meson
# passes NEC_ODD_BUILDDIR; each test gets its own private fwupd root. What a
# daemon test's client steps (COMMAND of contrib/fwupd-daemon.sh, a child
# bash) use is exported at the end.
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
# the test cabinets and images the build makes
fw=$builddir/tests/firmware
# the flash state of the drive under test
state=$work/state

# a minimal SG_IO client: INQUIRY and TEST UNIT READY of a device node
export CLIENT=$builddir/tests/runner/nec-sim-client

# Debian's python3: a pyenv shim first in PATH costs 0.7 s per start
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# run COMMAND against the simulated drive: sim [runner options] -- COMMAND…
runner=$builddir/tests/runner/nec-sim-run
sim() {
	"$runner" "$@"
}

# snapshot_runner: sim and $CLIENT from copies, so that a rebuild of the
# shared build directory during the minutes of a sweep cannot break its runs
snapshot_runner() {
	[ -x "$CLIENT" ] || fail "build nec-sim-client first (meson compile -C $builddir)"
	mkdir -p "$work/bin"
	cp "$runner" "$CLIENT" "$work/bin/"
	runner=$work/bin/nec-sim-run
	CLIENT=$work/bin/nec-sim-client
}

# a path, not a function: sim runs it as a child process
fwupdtool=$top/contrib/fwupdtool.sh

# fwupdmgr as every daemon test's client steps call it
fwupdmgr_() {
	fwupdmgr --no-unreported-check --no-metadata-check "$@"
}

# daemon_lists PATTERN: fwupdmgr get-devices lists the drive once, its line
# (fwupd_json devices) matching the basic regexp PATTERN; the JSON in
# $work/devices.json
daemon_lists() {
	fwupdmgr_ get-devices --json >"$work/devices.json"
	fwupd_json devices "$work/devices.json" | tee "$work/nec"
	[ "$(wc -l <"$work/nec")" -eq 1 ] || fail "the daemon does not list the drive exactly once"
	grep -q "$1" "$work/nec" || fail "the daemon does not list the drive as /$1/"
}

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

# need_daemon: what a test of fwupd's daemon needs (fwupdmgr, a private
# system bus, the local remote made from the 1.04, 3.04 and 3.07 cabinets)
need_daemon() {
	need_programs /usr/libexec/fwupd/fwupd /usr/bin/fwupdmgr /usr/bin/dbus-daemon /usr/bin/gcab
	need_cabinets 1.04 3.04 3.07
}

# factory_drive: $state holds a factory-fresh ND-3520A at 1.04, kept as
# $work/state.factory for reset_state and for comparisons
factory_drive() {
	rm -f "$state"
	sim --state "$state" -- true
	cp "$state" "$work/state.factory"
}

# reset_state: $state back to the factory-fresh flash
reset_state() {
	cp "$work/state.factory" "$state"
}

# find_drive: $id, the DeviceId fwupdtool gives the drive in $state;
# its get-devices output in $work/devices.json
find_drive() {
	sim --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/devices.json"
	id=$(fwupd_json device-id "$work/devices.json")
	[ -n "$id" ] || fail "no NEC drive found"
}

# run_workers JOBS FUNC: the lines of $work/jobs shared out to JOBS parallel
# workers; each calls FUNC with a line's words. contrib/fwupdtool.sh's set-up
# (dpkg-query, pkg-config, copying the module) runs once per worker, with its
# own fwupd root $root, and then Debian's fwupdtool directly: the same
# environment, 0.2-0.4 s less per run. Then their wall time.
run_workers() {
	local jobs=$1 func=$2 start=$SECONDS k p pids=()
	for k in $(seq 0 $((jobs - 1))); do
		(
			local i=0 line
			root=$work/root-$k
			export NEC_ODD_FWUPD_ROOT=$root
			# shellcheck source=contrib/fwupd-env.sh
			. "$top/contrib/fwupd-env.sh"
			fwupdtool=/usr/bin/fwupdtool
			while read -r line; do
				if [ $((i % jobs)) = "$k" ]; then
					# shellcheck disable=SC2086
					"$func" $line
				fi
				i=$((i + 1))
			done <"$work/jobs"
		) &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	echo "sweep took $((SECONDS - start)) s"
}

# fwupd_json COMMAND FILE [ARG]: what fwupdtool's or fwupdmgr's --json output
# says about the drive: devices, device-id, field KEY, plugin-of TEXT,
# releases, drive-shows (see tests/e2e/fwupd-json.py)
fwupd_json() {
	"$py" "$top/tests/e2e/fwupd-json.py" "$@"
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

# expect_flashed IMAGE VERSION: $state's main area holds IMAGE's body, the
# bootcode and calibration blocks are the factory's, and after a power cycle
# fwupdtool lists the drive once, at VERSION
expect_flashed() {
	cmp <(flash_body "$state") <(image_body "$1") || fail "the flash main area is not the $2 body"
	cmp <(flash_protected "$state") <(flash_protected "$work/state.factory") ||
		fail "bootcode or calibration blocks changed"
	sim --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/after.json" 2>/dev/null
	[ "$(fwupd_json drive-shows "$work/after.json")" = "$2" ] ||
		fail "after a power cycle the drive shows $(fwupd_json drive-shows "$work/after.json")"
}

# make_cab MODEL VERSION DIR: DIR/VERSION.bin and DIR/VERSION.cab
make_cab() {
	make_image "$1" "$2" "$3/$2.bin"
	"$top/contrib/build-cab.sh" "$3/$2.bin" -o "$3/$2.cab" >/dev/null
}

# log_of FILE: fwupdtool's output without its progress lines
log_of() {
	tr '\r' '\n' <"$1" | grep -v '…' || true
}

# patch_image IN OUT EDIT…: a copy of an image or a state file with edits
# (tests/e2e/patch-image.py)
patch_image() {
	"$py" "$top/tests/e2e/patch-image.py" "$@"
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
# trace has no stage, erase or program command, the state file is
# byte-for-byte unchanged, and the drive, asked with INQUIRY right after
# fwupdtool in the same power cycle, is not left in safe mode.
# Output in $work/NAME.out, trace in $work/NAME.trace.
expect_refusal() {
	local name=$1 pattern=$2 state=$3
	shift 3
	local out=$work/$name.out trace=$work/$name.trace
	cp "$state" "$work/$name.before"
	rm -f "$trace"
	echo "-- $name: $*"
	local rc
	sim_fwupdtool "$out" --state "$state" --trace "$trace" "$@"
	rc=$(cat "$out.rc")
	if [ "$rc" = 0 ]; then
		log_of "$out"
		fail "$name: fwupdtool succeeded, expected a refusal"
	fi
	log_of "$out" | sed 's/^/   | /'
	[ "$rc" -lt 125 ] || fail "$name: fwupdtool did not refuse, it died (exit status $rc)"
	log_of "$out" | grep -Eq -- "$pattern" || fail "$name: the message does not match /$pattern/"
	[ -s "$trace" ] || fail "$name: the drive got no command at all (trace empty)"
	if flash_writes "$trace"; then
		fail "$name: a stage, erase or program command was sent"
	fi
	cmp -s "$state" "$work/$name.before" || fail "$name: the flash changed"
	not_in_safe_mode "$out" || fail "$name: afterwards the drive is in safe mode or silent: $(cat "$out.inquiry")"
	echo "   ok: refused, $(wc -l <"$trace") commands, no writes, flash unchanged, not in safe mode"
}

# The trace names each command (cmd=, see tests/runner/README.md): tests
# match on the name, never on CDB bytes.

# flash_writes TRACE: the commands that stage, erase or program (the CB ones)
flash_writes() {
	grep -E ' cmd=(WriteRAM|EraseBlock|ProgramBlock|EraseBank|unknown/0xCB)[/ ]' "$1"
}

# trace_cmd TRACE N: the name of command N
trace_cmd() {
	awk -v n="$2" 'NR == n { print substr($4, 5) }' "$1"
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

export top py work state fw
export -f fail fwupdmgr_ fwupd_json daemon_lists
