#!/usr/bin/env bash
# Issue 2: fwupdtool finds exactly the NEC drive, reads its version from the
# drive, never talks to other devices, and recognises a drive in safe mode.
. "$(dirname "$0")/lib.sh"

echo "== one ND-3520A at 1.04, listed once, by nec_odd"
sim -- "$fwupdtool" get-devices --json >"$work/devices.json"
fwupd_json devices "$work/devices.json" >"$work/nec"
cat "$work/nec"
[ "$(wc -l <"$work/nec")" -eq 1 ] || fail "expected exactly one nec_odd device"
grep -q '^ND-3520A|1.04|' "$work/nec" || fail "expected ND-3520A at 1.04"
[ "$(fwupd_json plugin-of "$work/devices.json" 'DEV_DVD-RW-ND-3520A' | sort -u)" = nec_odd ] ||
	fail "the drive is listed by another plugin too"

echo "== the version comes from the drive: a 3.04 image reports 3.04"
make_image ND-3520A 3.04 "$work/3.04.bin"
sim --firmware "$work/3.04.bin" -- "$fwupdtool" get-devices --json >"$work/devices.json"
fwupd_json devices "$work/devices.json" | tee "$work/nec"
grep -q '^ND-3520A|3.04|' "$work/nec" || fail "expected 3.04"

echo "== no command reaches the other devices"
sim --other-devices --trace "$work/trace" -- \
	"$fwupdtool" get-devices --plugins nec_odd --json >"$work/devices.json"
cat "$work/trace"
grep -q ' sr0 ' "$work/trace" || fail "the NEC drive got no command"
if grep -v ' sr0 ' "$work/trace"; then
	fail "commands were sent to devices other than the NEC drive"
fi
sim --other-devices --trace "$work/trace" -- "$fwupdtool" get-devices --json >"$work/devices.json"
# a real kernel gives each device an sg node too: no plugin may use it as a second drive
if grep ' sg[0-9]* ' "$work/trace"; then
	fail "commands were sent to an sg node"
fi
owner=$(fwupd_json plugin-of "$work/devices.json" GH24NSD1 | sort -u)
echo "HL-DT-ST drive claimed by: ${owner:-nobody}"
[ "$owner" != nec_odd ] || fail "nec_odd claimed the HL-DT-ST drive"
[ "$(fwupd_json devices "$work/devices.json" | wc -l)" -eq 1 ] || fail "expected one nec_odd device"

echo "== a drive in safe mode is an ND-3520A that needs recovery"
sim --safe-mode -- "$fwupdtool" get-devices --json >"$work/devices.json"
fwupd_json devices "$work/devices.json" | tee "$work/nec"
grep -q '^ND-3520A (needs recovery)|0.01|.*updatable.*is-bootloader' "$work/nec" ||
	fail "safe mode not recognised"
echo "PASS"
