#!/bin/bash
# End-to-end check of nec-sim-run without fwupd: sysfs, SG_IO, trace, exit status
set -euo pipefail

run="$1"
client="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

echo "sysfs and /dev of the drive"
"$run" -- sh -c 'test -e /sys/class/block/sr0 && test -b /dev/sr0 &&
	grep -qx 5 /sys/class/block/sr0/device/type &&
	grep -qx "_NEC    " /sys/class/block/sr0/device/vendor &&
	grep -qx "DVD_RW ND-3520A " /sys/class/block/sr0/device/model &&
	grep -qx 11:0 /sys/class/block/sr0/dev' || fail "sysfs"

echo "the sg node of the drive, as the kernel's sg driver makes it"
# shellcheck disable=SC2016 # expanded by the shell inside the testbed
"$run" -- sh -c 'test -c /dev/sg0 && grep -qx 21:0 /sys/class/scsi_generic/sg0/dev &&
	test "$(readlink /sys/class/block/sr0/device/generic)" = scsi_generic/sg0 &&
	test "$(readlink -f /sys/class/scsi_generic/sg0/device)" = "$(readlink -f /sys/class/block/sr0/device)"' ||
	fail "sg0 sysfs"
"$run" --trace "$tmp/trace" -- "$client" /dev/sg0 >"$tmp/out" || fail "client on sg0"
grep -q "^sg version=30536 timeout=6000 reserved=32768 emulated=0$" "$tmp/out" || fail "sg driver ioctls"
grep -q "^inquiry type=5 vendor='_NEC    ' product='DVD_RW ND-3520A ' revision='" "$tmp/out" ||
	fail "inquiry through sg0"
grep -qx "1 sg0 cdb=120000002400 cmd=INQUIRY dir=in len=36 status=GOOD" "$tmp/trace" || fail "sg0 trace"
# numbered by SCSI host as the kernel scans them: sda (host 0) first
"$run" --other-devices -- sh -c 'test -d /sys/class/scsi_generic/sg0/device/block/sda &&
	test -d /sys/class/scsi_generic/sg1/device/block/sr0 && test -d /sys/class/scsi_generic/sg2/device/block/sr1' ||
	fail "sg numbering"

echo "INQUIRY through SG_IO, traced"
"$run" --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out" || fail "client"
cat "$tmp/out"
grep -q "^sg version=30527 timeout=6000 " "$tmp/out" || fail "generic sg ioctls"
grep -q "^inquiry type=5 vendor='_NEC    ' product='DVD_RW ND-3520A ' revision='" "$tmp/out" ||
	fail "inquiry"
cat "$tmp/trace"
grep -qx "1 sr0 cdb=120000002400 cmd=INQUIRY dir=in len=36 status=GOOD" "$tmp/trace" || fail "trace line 1"
grep -qx "2 sr0 cdb=000000000000 cmd=TEST_UNIT_READY dir=none len=0 status=CHECK sense=02/3A/00" "$tmp/trace" ||
	fail "trace line 2"

echo "injected CHECK CONDITION"
"$run" --fail-command 1 --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out" && fail "not failed"
grep -q "^cdb 12: status=0x02 masked=0x01 host=0x00 driver=0x08 sb_len_wr=18 " "$tmp/out" ||
	fail "check condition"
grep -q "^1 sr0 cdb=120000002400 cmd=INQUIRY dir=in len=36 status=CHECK sense=" "$tmp/trace" || fail "trace"

echo "power loss: the kernel reports a timeout"
"$run" --power-loss-at 2 --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out"
grep -q "^cdb 00: status=0x00 masked=0x00 host=0x03 driver=0x00 sb_len_wr=0 resid=0 info=0x1" \
	"$tmp/out" || fail "timeout"
grep -qx "2 sr0 cdb=000000000000 cmd=TEST_UNIT_READY dir=none len=0 status=NO-ANSWER" "$tmp/trace" || fail "trace"

echo "other devices"
"$run" --other-devices --trace "$tmp/trace" -- sh -c "'$client' /dev/sr1 && '$client' /dev/sda" \
	>"$tmp/out" || fail "other devices"
grep -q "^inquiry type=5 vendor='HL-DT-ST' product='DVDRAM GH24NSD1 ' revision='1.00'" "$tmp/out" ||
	fail "sr1"
grep -q "^inquiry type=0 vendor='ATA     ' product='Samsung SSD 860 ' revision='4B6Q'" "$tmp/out" ||
	fail "sda"
grep -qx "4 sda cdb=000000000000 cmd=TEST_UNIT_READY dir=none len=0 status=GOOD" "$tmp/trace" || fail "trace"

echo "--vendor: sysfs and INQUIRY"
"$run" --vendor NEC -- sh -c "grep -qx 'NEC     ' /sys/class/block/sr0/device/vendor && '$client' /dev/sr0" \
	>"$tmp/out" || fail "--vendor"
grep -q "^inquiry type=5 vendor='NEC     ' product='DVD_RW ND-3520A '" "$tmp/out" || fail "--vendor inquiry"

echo "--spin-up: TEST UNIT READY says becoming ready, INQUIRY answers"
"$run" --disc --spin-up 30 --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out" || fail "--spin-up"
grep -qx "2 sr0 cdb=000000000000 cmd=TEST_UNIT_READY dir=none len=0 status=CHECK sense=02/04/01" "$tmp/trace" || fail "--spin-up trace"
"$run" --disc --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out" || fail "--disc"
grep -qx "2 sr0 cdb=000000000000 cmd=TEST_UNIT_READY dir=none len=0 status=GOOD" "$tmp/trace" || fail "--disc trace"

echo "--reset-at: unit attention, marked in the trace"
"$run" --disc --reset-at 2 --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out" || fail "--reset-at"
grep -qx "2 sr0 cdb=000000000000 cmd=TEST_UNIT_READY dir=none len=0 status=CHECK sense=06/29/00 reset" "$tmp/trace" ||
	fail "--reset-at trace"

echo "--garble: spoiled answers are marked, the same seed spoils the same way"
"$run" --garble 7 --garble-rate 100 --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out1" || true
"$run" --garble 7 --garble-rate 100 --trace "$tmp/trace2" -- "$client" /dev/sr0 >"$tmp/out2" || true
cat "$tmp/trace"
[ "$(grep -c ' garbled=' "$tmp/trace")" = 2 ] || fail "--garble trace"
cmp "$tmp/trace" "$tmp/trace2" || fail "--garble is not reproducible"
cmp "$tmp/out1" "$tmp/out2" || fail "--garble answers differ"
"$run" --garble 8 --garble-rate 100 --trace "$tmp/trace2" -- "$client" /dev/sr0 >"$tmp/out2" || true
cmp -s "$tmp/trace" "$tmp/trace2" && fail "--garble 8 spoils like --garble 7"
# the host error kind shows in host_status, as the kernel's would
for seed in $(seq 1 40); do
	"$run" --garble "$seed" --garble-rate 100 --trace "$tmp/trace" -- "$client" /dev/sr0 >"$tmp/out" || true
	if grep -q '^1 .*status=HOST-0x' "$tmp/trace"; then
		host=$(sed -n 's/^1 .*status=HOST-0x\([0-9A-F]*\) garbled=host$/\1/p' "$tmp/trace")
		grep -qi "^cdb 12: status=0x00 masked=0x00 host=0x$host " "$tmp/out" || fail "host status not passed on"
		break
	fi
done
[ -n "${host:-}" ] || fail "no host error in 40 seeds"

echo "bad option values"
for opt in "--erase-also-block 19" "--erase-also-block x" "--short-read-ram 0x100000" "--vendor 123456789" \
	"--garble -1" "--garble-rate 0" "--reset-at -1" "--spin-up -1"; do
	rc=0
	# shellcheck disable=SC2086
	"$run" $opt -- true 2>/dev/null || rc=$?
	[ "$rc" = 125 ] || fail "$opt: exit status $rc, expected 125"
done

echo "exit status of the command"
rc=0
"$run" -- sh -c 'exit 3' || rc=$?
test "$rc" = 3 || fail "exit status $rc"
rc=0
"$run" -- sh -c 'kill -TERM $$' || rc=$?
test "$rc" = 143 || fail "signal status $rc"

echo "PASS"
