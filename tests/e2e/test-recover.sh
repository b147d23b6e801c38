#!/usr/bin/env bash
# Issue 4 (safety), recovery: a drive left in safe mode by a power loss
# between erase and program is offered the update and recovered by a plain
# install; a drive running modified firmware ("1.UC") takes the official image.
. "$(dirname "$0")/lib.sh"
make_cab ND-3520A 3.04 "$work"
factory_drive

echo "== the clean install's first ProgramBlock"
cp "$state" "$work/clean.state"
sim --state "$work/clean.state" --trace "$work/clean.trace" -- \
	"$fwupdtool" install "$work/3.04.cab" -y --plugins nec_odd >"$work/clean.out" 2>&1 ||
	{ log_of "$work/clean.out"; fail "the clean install failed"; }
n=$(awk '$4 ~ /^cmd=ProgramBlock\// {print $1; exit}' "$work/clean.trace")
[ -n "$n" ] || fail "the clean install sent no ProgramBlock"
echo "first ProgramBlock is command $n, $(trace_cmd "$work/clean.trace" "$n")"
echo "the command before it: $(trace_cmd "$work/clean.trace" $((n - 1)))"
[ "$(trace_cmd "$work/clean.trace" $((n - 1)))" = EraseBlock/18 ] ||
	fail "the command before the first program is not the erase of block 18"

echo "== power loss at command $n: every block erased, none programmed"
if sim --state "$state" --power-loss-at "$n" --trace "$work/fault.trace" -- \
	"$fwupdtool" install "$work/3.04.cab" -y --plugins nec_odd >"$work/fault.out" 2>&1; then
	fail "the install reported success although the drive lost power"
fi
log_of "$work/fault.out" | tail -1
sed -n "${n}p" "$work/fault.trace" | grep -q 'NO-ANSWER' || fail "command $n was answered"
[ "$(flash_body "$state" | tr -d '\377' | wc -c)" = 0 ] || fail "the main area is not all erased"
cmp <(flash_protected "$state") <(flash_protected "$work/state.factory") || fail "bootcode or calibration changed"
cp "$state" "$work/state.safe"

echo "== power cycle: the drive is an ND-3520A that needs recovery, at 0.01, updatable"
sim --state "$state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/devices.json"
fwupd_json devices "$work/devices.json" | tee "$work/nec"
grep -q '^ND-3520A (needs recovery)|0.01|' "$work/nec" || fail "not shown as 'ND-3520A (needs recovery)' at 0.01"
fwupd_json field "$work/devices.json" Flags | tr ',' '\n' | grep -qx updatable || fail "the drive in safe mode is not updatable"
fwupd_json field "$work/devices.json" Summary | grep -q 'install the firmware again to recover' ||
	fail "the summary does not tell the user to install again"
sim --state "$state" -- "$fwupdtool" get-details "$work/3.04.cab" --plugins nec_odd >"$work/details" 2>&1 ||
	{ log_of "$work/details"; fail "get-details failed"; }
for want in 'ND-3520A (needs recovery)' 'Current version: *0.01' 'New version: *3.04'; do
	grep -q "$want" "$work/details" || { cat "$work/details"; fail "get-details does not show '$want'"; }
done
echo "get-details offers 3.04 to the drive at 0.01"

echo "== install 3.04 without any flag recovers it"
sim --state "$state" --trace "$work/recover.trace" -- "$fwupdtool" install "$work/3.04.cab" -y \
	--plugins nec_odd >"$work/recover.out" 2>&1 || { log_of "$work/recover.out"; fail "recovery install failed"; }
expect_flashed "$work/3.04.bin" 3.04
fwupd_json devices "$work/after.json"
fwupd_json field "$work/after.json" Flags | tr ',' '\n' | grep -qx is-bootloader && fail "still flagged is-bootloader"
fwupd_json field "$work/after.json" Summary | grep -q 'interrupted' && fail "still says the update was interrupted"
echo "recovered: $(flash_writes "$work/recover.trace" | wc -l) stage/erase/program commands"

echo "== modified firmware 1.UC: shown as such, the official 3.04 installs"
make_image ND-3520A 1.UC "$work/1.UC.bin"
rm -f "$work/state.uc"
sim --firmware "$work/1.UC.bin" --state "$work/state.uc" -- true
cmp <(flash_body "$work/state.uc") <(image_body "$work/1.UC.bin") || fail "the drive does not hold 1.UC"
sim --state "$work/state.uc" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/devices.json"
fwupd_json devices "$work/devices.json" | tee "$work/nec"
grep -q '^ND-3520A|1.UC|' "$work/nec" || fail "the drive is not shown at 1.UC"
echo "fwupdtool vercmp (what fwupd uses for the plain version format):"
for pair in "1.UC 3.04" "1.UC 1.04"; do
	# shellcheck disable=SC2086
	"$fwupdtool" vercmp $pair plain 2>&1 | log_of /dev/stdin | tee -a "$work/vercmp"
done
grep -qx '1.UC < 3.04' "$work/vercmp" || fail "fwupd does not order 1.UC below 3.04"
sim --state "$work/state.uc" -- "$fwupdtool" install "$work/3.04.cab" -y --plugins nec_odd \
	>"$work/uc.out" 2>&1 || { log_of "$work/uc.out"; fail "3.04 over 1.UC failed"; }
cmp <(flash_body "$work/state.uc") <(image_body "$work/3.04.bin") || fail "flash is not the 3.04 body"
sim --state "$work/state.uc" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$work/devices.json"
fwupd_json devices "$work/devices.json" | grep -q '^ND-3520A|3.04|' || fail "the drive does not report 3.04"
echo "PASS"
