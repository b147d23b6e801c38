#!/usr/bin/env bash
# The harness itself must be able to fail: check() fails on any failing
# command of a check, also one before the last and one inside $(…); skip()
# reports SKIP, never ok; need_programs() skips when a program is missing;
# flash_writes() finds a trace's stage, erase and program commands;
# expect_refusal() fails when the message differs.
. "$(dirname "$0")/lib.sh"

# run lib.sh's check in a copy of the test's bookkeeping, print what it recorded
recorded() {
	local saved=$work
	work=$(mktemp -d -p "$saved")
	# not inside `||` or `if`: bash would turn errexit off in the whole check
	check "$@" >"$work/log" 2>&1
	cat "$work/failed-checks" "$work/skipped-checks" 2>/dev/null | sed 's/^/recorded: /' || true
	grep -E '^(ok|SKIP|FAILED)' "$work/log" || true
	work=$saved
}

fails_first() {
	false
	true
}
fails_in_substitution() {
	local x
	x=$(
		false
		echo late
	)
	[ -n "$x" ]
}
fails_in_pipe() {
	false | true
	true
}
skips() { skip "nothing to run here"; }
passes() { true; }

out=$(recorded "first of two" fails_first)
[[ $out == *"FAILED: first of two"* && $out == *"recorded: first of two"* ]] ||
	fail "a failing command before the last one did not fail the check: $out"
out=$(recorded "in substitution" fails_in_substitution)
[[ $out == *"FAILED: in substitution"* ]] || fail "a failing \$(…) did not fail the check: $out"
out=$(recorded "in pipe" fails_in_pipe)
[[ $out == *"FAILED: in pipe"* ]] || fail "a failing pipeline did not fail the check: $out"
out=$(recorded "skipped" skips)
[[ $out == *"SKIP: skipped"* && $out != *"ok: skipped"* ]] || fail "a skipped check did not say SKIP: $out"
out=$(recorded "passes" passes)
[[ $out == "ok: passes" ]] || fail "a passing check did not say ok: $out"

# flash_writes finds every stage, erase and program command, on bank 1 too,
# and nothing else; trace_cmd names command N
printf '%s\n' '1 sr0 cdb=CB0100006000000008000000 cmd=WriteRAM/0x006000/32768 dir=out len=32768 status=GOOD' \
	'2 sr0 cdb=CB1800000000000000000000 cmd=EraseBank/bank1 dir=none len=0 status=GOOD' \
	'3 sr0 cdb=CC0100004B33353201000000 cmd=SafeMode/enter/K352 dir=none len=0 status=GOOD' \
	'4 sr0 cdb=CB0200000000040000000000 cmd=ProgramBlock/18 dir=none len=0 status=GOOD' \
	'5 sr0 cdb=CB1400000000000080000000 cmd=EraseBlock/7/bank1 dir=none len=0 status=CHECK sense=05/24/00' \
	'6 sr0 cdb=CC0000004800000020000000 cmd=ReadRAM/0x004800/32 dir=in len=32 status=GOOD' \
	'7 sr0 cdb=CB0800000000000000000000 cmd=EraseBank dir=none len=0 status=GOOD' >"$work/writes.trace"
[ "$(flash_writes "$work/writes.trace" | cut -d' ' -f1 | paste -sd' ')" = "1 2 4 5 7" ] ||
	fail "flash_writes finds other commands than 1 2 4 5 7: $(flash_writes "$work/writes.trace" | cut -d' ' -f1)"
[ "$(trace_cmd "$work/writes.trace" 3)" = SafeMode/enter/K352 ] || fail "trace_cmd does not name command 3"

# expect_refusal fails when the refusal's message is not the expected one
make_image ND-3520A 3.04 "$work/3.04.bin"
sim --state "$work/state" -- true
rc=0
(expect_refusal wrong-message 'a message no program prints' "$work/state" -- \
	install-blob "$work/3.04.bin" nonexistent-device-id -y) >"$work/refusal.log" 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "expect_refusal accepted a refusal with another message"
grep -q 'the message does not match' "$work/refusal.log" || { cat "$work/refusal.log"; fail "expect_refusal failed for another reason"; }
# a missing program makes the whole case SKIP (exit 77), never pass
rc=0
out=$(need_programs /bin/sh /nonexistent/program) || rc=$?
[ "$rc" = 77 ] && [ "$out" = "SKIP: needs /nonexistent/program" ] ||
	fail "need_programs did not skip for a missing program: $rc $out"
(need_programs /bin/sh) || fail "need_programs skipped although the program exists"
echo "PASS"
