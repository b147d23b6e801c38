#!/usr/bin/env bash
# Issue 9 (hostile drives): answers a drive, a bridge or the kernel may give
# must never crash fwupdtool, hang it, or lead to a write where none belongs.
# Each section starts from the same ND-3520A 1.04 flash; a failing section is
# reported and the others still run. The --reset-at sweep over every command
# is in test-sweep.sh, the --garble sweep in test-garble.sh.
. "$(dirname "$0")/lib.sh"
make_cab ND-3520A 3.04 "$work"
factory_drive
find_drive

# hex_regexp B0 B1 B2 B3: the four bytes as hex, any separators ("FF FF…", "0xff…", "\xff…")
hex_regexp() {
	printf '%s[^0-9a-fA-F]{0,3}%s[^0-9a-fA-F]{0,3}%s[^0-9a-fA-F]{0,3}%s' "$@"
}

# hardware_id NAME B0 B1 B2 B3: those bytes at flash 0x4800 instead of K352
hardware_id() {
	local name=$1 t=$work/hwid-$1
	shift
	reset_state
	# not dd: under sanitize.sh's preloaded libasan it aborts (aligned_alloc)
	patch_image "$state" "$state" "at=0x4800:$(printf %s "$@")"
	local rc=0
	sim --state "$state" --trace "$t.trace" -- "$fwupdtool" get-devices --json --plugins nec_odd \
		>"$t.json" 2>"$t.err" || rc=$?
	[ "$rc" = 0 ] || { cat "$t.err"; fail "get-devices exit status $rc"; }
	fwupd_json devices "$t.json" | sed 's/^/   /'
	# without a trusted hardware ID the name may come from INQUIRY alone
	fwupd_json devices "$t.json" | grep -q '^[^|]*ND-3520A[^|]*|1.04|' || fail "the drive is not listed at 1.04"
	if fwupd_json field "$t.json" Flags | tr ',' '\n' | grep -qx updatable; then
		fail "a drive whose hardware ID reads $* is updatable"
	fi
	local error
	error=$(fwupd_json field "$t.json" UpdateError)
	echo "   UpdateError: $error"
	grep -Eqi "hardware ID.*$(hex_regexp "$@")" <<<"$error" ||
		fail "the UpdateError does not name the hardware ID bytes read ($*)"
	if grep ' cmd=SafeMode/' "$t.trace"; then
		fail "get-devices sent SafeMode"
	fi
	expect_refusal "hwid-$name-install-blob" "hardware ID.*$(hex_regexp "$@")" "$state" -- \
		install-blob "$work/3.04.bin" "$id" -y --force
	if grep ' cmd=SafeMode/' "$work/hwid-$name-install-blob.trace"; then
		fail "install-blob sent SafeMode"
	fi
}

# the kernel's sysfs vendor is the INQUIRY vendor: NEC drives say _NEC,
# others of the family NEC; both must be found and updatable
vendor() {
	local v=$1
	reset_state
	sim --vendor "$v" --state "$state" -- sh -c "grep -qx '$(printf '%-8s' "$v")' /sys/class/block/sr0/device/vendor" ||
		fail "the runner does not show sysfs vendor '$v'"
	sim --vendor "$v" --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/vendor-$v.json"
	fwupd_json devices "$work/vendor-$v.json"
	fwupd_json devices "$work/vendor-$v.json" | grep -q '^ND-3520A|1.04|' || fail "vendor '$v': the drive is not listed at 1.04"
	fwupd_json field "$work/vendor-$v.json" Flags | tr ',' '\n' | grep -qx updatable ||
		fail "vendor '$v': the drive is not updatable"
}

# erase and program at the Am29LV800B datasheet maximum (15 s per sector,
# 360 µs per word): the plugin's timeouts must allow it
slow_flash() {
	reset_state
	local rc=0
	sim --slow-flash --report "$work/slow.report" --state "$state" --trace "$work/slow.trace" -- \
		"$fwupdtool" install "$work/3.04.cab" -y --plugins nec_odd >"$work/slow.out" 2>&1 || rc=$?
	echo "   drive model time: $(sed -n 's/busy_us=//p' "$work/slow.report") µs"
	[ "$rc" = 0 ] || { log_of "$work/slow.out"; fail "the install failed (exit status $rc)"; }
	if grep -E 'TIMEOUT' "$work/slow.trace"; then
		fail "a command timed out"
	fi
	cmp -s <(flash_body "$state") <(image_body "$work/3.04.bin") || fail "the flash is not 3.04"
	sim --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/slow.json"
	fwupd_json devices "$work/slow.json" | grep -q '^ND-3520A|3.04|' || fail "the drive does not report 3.04"
}

# TEST UNIT READY says 02/04/01 for 8 real seconds after power-on
spin_up() {
	reset_state
	local start=$SECONDS rc=0
	sim --spin-up 8 --state "$state" --trace "$work/spin.trace" -- \
		"$fwupdtool" get-devices --json --plugins nec_odd >"$work/spin.json" 2>"$work/spin.err" || rc=$?
	echo "   get-devices took $((SECONDS - start)) s, $(grep -c 'sense=02/04/01' "$work/spin.trace" || true) answers 02/04/01"
	[ "$rc" = 0 ] || { cat "$work/spin.err"; fail "get-devices exit status $rc"; }
	grep -q ' cmd=TEST_UNIT_READY .*sense=02/04/01' "$work/spin.trace" || fail "the drive never said it was spinning up"
	fwupd_json devices "$work/spin.json"
	fwupd_json devices "$work/spin.json" | grep -q '^ND-3520A|1.04|' || fail "the spinning-up drive is not listed at 1.04"
	# its disc state is known: no disc, so nothing stands in the way
	fwupd_json field "$work/spin.json" Flags | tr ',' '\n' | grep -qx updatable ||
		fail "the spun-up drive without a disc is not updatable: $(fwupd_json field "$work/spin.json" UpdateError)"
}

# no_dump FILE: not one byte of a dump in FILE. fwupdtool 2.0.20 itself
# writes an empty FILE before it asks the plugin, to see that it can
# (fu_util_firmware_dump() in src/fu-tool.c), and leaves it on failure.
no_dump() {
	[ ! -s "$1" ] || fail "$(stat -c %s "$1") bytes of a dump were written to $1"
}

# firmware-dump refused before anything is sent that changes the drive's mode
disc_dump() {
	reset_state
	local rc
	sim_fwupdtool "$work/disc-dump.out" --disc --state "$state" --trace "$work/disc-dump.trace" -- \
		firmware-dump "$work/disc-dump.bin" "$id"
	rc=$(cat "$work/disc-dump.out.rc")
	log_of "$work/disc-dump.out" | sed 's/^/   | /'
	[ "$rc" != 0 ] || fail "firmware-dump with a disc loaded succeeded"
	[ "$rc" -lt 125 ] || fail "firmware-dump died (exit status $rc)"
	log_of "$work/disc-dump.out" | grep -q 'Remove the disc from the drive' || fail "the refusal does not say to remove the disc"
	if grep ' cmd=SafeMode/' "$work/disc-dump.trace"; then
		fail "SafeMode was sent"
	fi
	no_dump "$work/disc-dump.bin"
	not_in_safe_mode "$work/disc-dump.out" || fail "the drive was left in safe mode: $(cat "$work/disc-dump.out.inquiry")"
}

# the drive sends fewer bytes than asked: the dump must fail, not be zero-filled
short_read() {
	reset_state
	local rc
	sim_fwupdtool "$work/short.out" --short-read-ram 0x80000 --state "$state" --trace "$work/short.trace" -- \
		firmware-dump "$work/short.bin" "$id"
	rc=$(cat "$work/short.out.rc")
	log_of "$work/short.out" | sed 's/^/   | /'
	grep -q ' short$' "$work/short.trace" || fail "no ReadRAM reached 0x80000 (the fault never fired)"
	[ "$rc" != 0 ] || fail "firmware-dump succeeded with a short transfer"
	[ "$rc" -lt 125 ] || fail "firmware-dump died (exit status $rc)"
	log_of "$work/short.out" | grep -Eqi 'short|fewer|only [0-9]+ of|incomplete|truncated' ||
		fail "the error does not say that the transfer was short"
	no_dump "$work/short.bin"
	not_in_safe_mode "$work/short.out" || fail "the drive was left in safe mode: $(cat "$work/short.out.inquiry")"
	cmp -s "$state" "$work/state.factory" || fail "the flash changed"
}

# an erase that also erases block 0 or 1: the canary must stop the update
canary() {
	local block=$1 rc=0
	reset_state
	sim --erase-also-block "$block" --state "$state" --trace "$work/canary-$block.trace" -- \
		"$fwupdtool" install "$work/3.04.cab" -y --plugins nec_odd >"$work/canary-$block.out" 2>&1 || rc=$?
	log_of "$work/canary-$block.out" | tail -3 | sed 's/^/   | /'
	grep -q 'erase-also-block' "$work/canary-$block.trace" || fail "no erase happened (the fault never fired)"
	[ "$rc" != 0 ] || fail "the install succeeded although block $block was erased"
	[ "$rc" -lt 125 ] || fail "fwupdtool died (exit status $rc)"
	log_of "$work/canary-$block.out" | grep -Eqi "block $block\\b.*may not boot|may not boot.*block $block\\b" ||
		fail "the error does not name block $block and say the drive may not boot"
}

check "hardware ID 0xFF at 0x4800" hardware_id ff ff ff ff ff
check "hardware ID 0x00 at 0x4800" hardware_id 00 00 00 00 00
check "hardware ID random bytes at 0x4800" hardware_id random 9c 01 7f e3
check "sysfs vendor _NEC" vendor _NEC
check "sysfs vendor NEC" vendor NEC
check "--slow-flash: an install at the datasheet maximum" slow_flash
check "--spin-up 8: the drive is listed" spin_up
check "--disc: firmware-dump refused, no SafeMode" disc_dump
check "--short-read-ram: firmware-dump fails, no file" short_read
check "--erase-also-block 0: the canary stops the update" canary 0
check "--erase-also-block 1: the canary stops the update" canary 1
finish
