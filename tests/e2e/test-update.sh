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
expect_flashed "$work/3.04.bin" 3.04
backup=$(find "$NEC_ODD_FWUPD_ROOT/var/lib/fwupd/backup" -name 1.04.bin)
cmp "$backup" "$work/1.04.bin" || fail "the backup is not the 1.04 image"
echo "commands sent: $(wc -l <"$work/trace"), of which stage/erase/program: $(flash_writes "$work/trace" | wc -l)"

echo "== firmware-dump gives the image back byte for byte"
sim --state "$state" -- "$fwupdtool" firmware-dump "$work/dump.bin" "$id"
cmp "$work/dump.bin" "$work/3.04.bin" || fail "dump differs from the 3.04 image"

# needs_flag VERSION FLAG MESSAGE: installing VERSION is refused with MESSAGE,
# with FLAG it installs
needs_flag() {
	if sim --state "$state" -- "$fwupdtool" install "$work/$1.cab" -y >"$work/out" 2>&1; then
		fail "$1 accepted without $2"
	fi
	grep -qF "$3" "$work/out" || { cat "$work/out"; fail "the refusal does not say: $3"; }
	sim --state "$state" -- "$fwupdtool" install "$work/$1.cab" -y "$2"
	expect_flashed "$work/$1.bin" "$1"
}

echo "== the same version again needs --allow-reinstall"
needs_flag 3.04 --allow-reinstall "Specified firmware is already installed '3.04'"

echo "== going back to 1.04 needs --allow-older"
needs_flag 1.04 --allow-older "Specified firmware is older than installed '1.04 < 3.04'"

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
