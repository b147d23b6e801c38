#!/usr/bin/env bash
# Issue 3: ND-3520A 1.04 -> 3.04 through Debian's fwupdtool, then dump,
# reinstall, downgrade and image parsing; each result is checked on the
# simulated flash and on what the drive reports.
. "$(dirname "$0")/lib.sh"
for v in 1.04 3.04; do make_cab ND-3520A "$v" "$work"; done
factory_drive
find_drive

echo "== install 3.04 over 1.04"
sim --state "$state" --trace "$work/trace" -- "$fwupdtool" install "$work/3.04.cab" -y
cmp <(flash_body "$state") <(image_body "$work/3.04.bin") || fail "flash main area is not the 3.04 body"
cmp <(flash_protected "$state") <(flash_protected "$work/state.factory") ||
	fail "bootcode or calibration blocks changed"
sim --state "$state" -- "$fwupdtool" get-devices --json >"$work/devices.json"
fwupd_json devices "$work/devices.json" | grep -q '^ND-3520A|3.04|' || fail "the drive does not report 3.04"
backup=$(find "$NEC_ODD_FWUPD_ROOT/var/lib/fwupd/backup" -name 1.04.bin)
cmp "$backup" "$work/1.04.bin" || fail "the backup is not the 1.04 image"
echo "commands sent: $(wc -l <"$work/trace"), of which stage/erase/program: $(flash_writes "$work/trace" | wc -l)"

echo "== firmware-dump gives the image back byte for byte"
sim --state "$state" -- "$fwupdtool" firmware-dump "$work/dump.bin" "$id"
cmp "$work/dump.bin" "$work/3.04.bin" || fail "dump differs from the 3.04 image"

echo "== the same version again needs --allow-reinstall"
if sim --state "$state" -- "$fwupdtool" install "$work/3.04.cab" -y >"$work/out" 2>&1; then
	fail "reinstall accepted without --allow-reinstall"
fi
grep -q "Specified firmware is already installed '3.04'" "$work/out" ||
	{ cat "$work/out"; fail "the reinstall refusal does not say that 3.04 is already installed"; }
sim --state "$state" -- "$fwupdtool" install "$work/3.04.cab" -y --allow-reinstall
cmp <(flash_body "$state") <(image_body "$work/3.04.bin") || fail "reinstall changed the flash"

echo "== going back to 1.04 needs --allow-older"
if sim --state "$state" -- "$fwupdtool" install "$work/1.04.cab" -y >"$work/out" 2>&1; then
	fail "downgrade accepted without --allow-older"
fi
grep -q "Specified firmware is older than installed '1.04 < 3.04'" "$work/out" ||
	{ cat "$work/out"; fail "the downgrade refusal does not name the versions"; }
sim --state "$state" -- "$fwupdtool" install "$work/1.04.cab" -y --allow-older
cmp <(flash_body "$state") <(image_body "$work/1.04.bin") || fail "flash is not the 1.04 body"
sim --state "$state" -- "$fwupdtool" get-devices --json >"$work/devices.json"
fwupd_json devices "$work/devices.json" | grep -q '^ND-3520A|1.04|' || fail "the drive does not report 1.04"

echo "== firmware-parse shows the image and refuses a truncated one"
"$fwupdtool" firmware-parse "$work/3.04.bin" nec-odd >"$work/parse" 2>&1 || { cat "$work/parse"; fail "parse failed"; }
cat "$work/parse"
for want in ND-3520A 3.04 K352 checksum; do
	grep -qi "$want" "$work/parse" || fail "firmware-parse does not show $want"
done
head -c 1000000 "$work/3.04.bin" >"$work/short.bin"
if "$fwupdtool" firmware-parse "$work/short.bin" nec-odd >"$work/parse" 2>&1; then
	fail "a truncated image was accepted"
fi
grep -q "1000000 bytes" "$work/parse" || { cat "$work/parse"; fail "the error does not name the size"; }
echo "PASS"
