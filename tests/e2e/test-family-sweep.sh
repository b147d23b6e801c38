#!/usr/bin/env bash
# Issue 12, fault sweep per flash family: the update of each family's drive
# (lib-families.sh) interrupted by a power loss (--power-loss-at N), a failed
# command (--fail-command N) and a reset of the drive (--reset-at N). In CI
# at a sample of commands of each update: the first WriteRAM, the first
# erase, the first and the last program and the final SafeMode leave (640K
# also its bank-1 SafeMode enter and EraseBank), for every family but 1M,
# whose update test-sweep.sh interrupts at every command;
# contrib/family-sweep.sh runs every command of every case.
# After each fault the drive is power-cycled and the same install run again
# (--allow-reinstall): it must succeed, leave the new main firmware in flash,
# bootcode and settings untouched, and the drive, power-cycled once more,
# must report the new version. A reset during staging, checksum, erase or
# program must stop the update with a message saying to run it again, and a
# fault run reported as a success must really have written the new image.
#   NEC_ODD_FAMILIES      only these cases (see lib-families.sh)
#   NEC_ODD_FAMILY_SWEEP  sample (default) or all: a fault at every command
#   NEC_ODD_SWEEP_MODES   only these fault modes, default all three
#   NEC_ODD_E2E_JOBS      parallel workers, default two per CPU
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-families.sh"
sweep=${NEC_ODD_FAMILY_SWEEP:-sample}
modes=${NEC_ODD_SWEEP_MODES:-power-loss-at fail-command reset-at}
if [ "$sweep" = sample ] && [ -z "${NEC_ODD_FAMILIES:-}" ]; then
	names="640K 768K 1M-K2 2M 2M-dump-id"
else
	names=$(family_case_names)
fi
jobs=${NEC_ODD_E2E_JOBS:-$(($(nproc) * 2))}
snapshot_runner

# sample TRACE_CMDS: the command numbers (1-based lines) faulted in CI
sample() {
	awk '
		/^WriteRAM\// && !w { print NR; w = 1 }
		/^(EraseBlock|EraseBank)/ && !e { print NR; e = 1 }
		/^EraseBank/ { print NR }
		/^SafeMode\/enter\/.*\/bank1$/ { print NR }
		/^ProgramBlock\// { if (!p) print NR; p = NR }
		/^SafeMode\/leave\// { lv = NR }
		END { print p; print lv }
	' "$1" | sort -nu
}

# clean CASE: the traced install of the new version on a fresh drive, and the
# faults to inject into it
clean() {
	prepare_case "$1"
	cp "$dir/fresh" "$dir/clean.state"
	sim "${drive[@]}" --state "$dir/clean.state" --trace "$dir/clean.trace" -- \
		"$fwupdtool" install "$dir/$new.cab" -y --plugins nec_odd >"$dir/clean.out" 2>&1 ||
		{ log_of "$dir/clean.out"; fail "$1: the clean install failed"; }
	main_equals "$family" "$dir/clean.state" "$dir/$new.bin" || fail "$1: clean install: the flash is not $new"
	trace_cmds "$dir/clean.trace" >"$dir/clean.cmds"
	[ "$(wc -l <"$dir/clean.cmds")" = "$(wc -l <"$dir/clean.trace")" ] ||
		fail "$1: the trace has lines without a command name"
	local n mode
	if [ "$sweep" = all ]; then
		seq 1 "$(wc -l <"$dir/clean.cmds")"
	else
		sample "$dir/clean.cmds"
	fi >"$dir/points"
	for n in $(cat "$dir/points"); do
		for mode in $modes; do echo "$1 $mode $n"; done
	done >"$work/faults.$1"
	echo "$1: $(wc -l <"$dir/clean.cmds") commands in the update, faults at: $(tr '\n' ' ' <"$dir/points")"
}

# step CASE MODE N: one fault and its recovery; writes $work/rows/CASE.MODE.N
step() {
	local name=$1 mode=$2 n=$3 d=$work/steps/$1.$2.$3
	load_case "$name"
	mkdir -p "$d"
	cp "$dir/fresh" "$d/state"
	local rc_fault=0 rc_recover
	sim "${drive[@]}" --state "$d/state" "--$mode" "$n" --trace "$d/fault.trace" -- \
		"$fwupdtool" install "$dir/$new.cab" -y --plugins nec_odd >"$d/fault.out" 2>&1 || rc_fault=$?

	# the fault hit the command the clean run sent at step N
	local want got cmd note=''
	want=$(sed -n "${n}p" "$dir/clean.trace" | awk '{print $3}')
	cmd=$(sed -n "${n}p" "$dir/clean.cmds")
	got=$(sed -n "${n}p" "$d/fault.trace")
	case $mode in
	power-loss-at) [[ $got == *" $want "*"NO-ANSWER"* ]] || note="fault not at the clean run's command $n: $got" ;;
	fail-command) [[ $got == *" $want "*"sense=04/44/00"* ]] || note="fault not at the clean run's command $n: $got" ;;
	reset-at) [[ $got == *" $want "*" reset" ]] || note="fault not at the clean run's command $n: $got" ;;
	esac
	# the drive lost the staged image or its mode: the update must stop and say so
	if [ "$mode" = reset-at ] && [[ $cmd =~ ^(WriteRAM|SendChecksum|EraseBlock|EraseBank|ProgramBlock)/ ]]; then
		if [ "$rc_fault" = 0 ]; then
			note="${note:+$note; }a reset during staging, checksum, erase or program was reported as a success"
		elif ! log_of "$d/fault.out" | grep -qi 'again'; then
			note="${note:+$note; }the error does not say to run the update again: $(log_of "$d/fault.out" | tail -1)"
		fi
	fi
	if [ "$rc_fault" = 0 ] && ! main_equals "$family" "$d/state" "$dir/$new.bin"; then
		note="${note:+$note; }fwupdtool reported success but the flash is not $new"
	fi

	# power cycle: what the drive shows, then the same install again
	sim "${drive[@]}" --state "$d/state" -- bash -c '
		"$0" get-devices --json --plugins nec_odd >"$1/shows.json" 2>"$1/shows.err"
		rc=0; "$0" install "$2" -y --allow-reinstall --plugins nec_odd >"$1/recover.out" 2>&1 || rc=$?
		echo "$rc" >"$1/recover.rc"
	' "$fwupdtool" "$d" "$dir/$new.cab" || true
	rc_recover=$(cat "$d/recover.rc" 2>/dev/null || echo none)
	# and power-cycle again: the drive's own INQUIRY
	sim "${drive[@]}" --state "$d/state" -- "$CLIENT" /dev/sr0 >"$d/inquiry" 2>&1 || true
	local shows after recovered=yes
	shows=$(fwupd_json devices "$d/shows.json" 2>/dev/null | head -1 | cut -d'|' -f1,2 | tr '|' ' ' || true)
	after=$(sed -n "s/^inquiry .* revision='\([^']*\)'.*/\1/p" "$d/inquiry")
	[ "$rc_recover" = 0 ] ||
		{ recovered=no; note="${note:+$note; }reinstall exit $rc_recover: $(log_of "$d/recover.out" | tail -1)"; }
	main_equals "$family" "$d/state" "$dir/$new.bin" ||
		{ recovered=no; note="${note:+$note; }the flash is not $new after the reinstall"; }
	protected_equals "$family" "$d/state" "$dir/fresh" ||
		{ recovered=no; note="${note:+$note; }bootcode or settings changed"; }
	[ "$after" = "$new" ] ||
		{ recovered=no; note="${note:+$note; }after the reinstall and a power cycle the drive reports '$after'"; }
	printf '%s|%s|%s|%s|%s|%s|%s|%s\n' "$name" "$mode" "$n" "$cmd" "$rc_fault" "${shows:-no device}" \
		"$recovered" "$note" >"$work/rows/$name.$mode.$n"
}

mkdir -p "$work/rows" "$work/steps"
echo "== the clean updates"
tr ' ' '\n' <<<"$names" | grep . >"$work/jobs"
clean_job() {
	(clean "$1") >"$work/clean.$1.log" 2>&1 || echo "$1" >>"$work/clean-failed"
}
run_workers "$jobs" clean_job
for n in $names; do cat "$work/clean.$n.log"; done
[ ! -s "$work/clean-failed" ] || fail "no sweep: the clean update failed for $(tr '\n' ' ' <"$work/clean-failed")"

cat "$work"/faults.* >"$work/jobs"
cp "$work/jobs" "$work/faults"
echo "== $(wc -l <"$work/faults") faults ($sweep), $jobs workers"
run_workers "$jobs" step

table=$builddir/family-sweep-table.txt
[ "$sweep" = all ] && [ -z "${NEC_ODD_FAMILIES:-}" ] || table=$builddir/family-sweep-table.partial.txt
{
	printf '%-10s %-13s %4s  %-28s %5s  %-28s %-9s %s\n' case mode N "command at N (clean run)" exit \
		"after fault, power cycle" recovered note
	while read -r name mode n; do
		if [ -f "$work/rows/$name.$mode.$n" ]; then
			IFS='|' read -r c m nn cmd rc shows rec note <"$work/rows/$name.$mode.$n"
		else
			c=$name m=$mode nn=$n cmd='?' rc='?' shows='?' rec=no note='the step did not finish'
		fi
		printf '%-10s %-13s %4s  %-28s %5s  %-28s %-9s %s\n' "$c" "$m" "$nn" "$cmd" "$rc" "$shows" "$rec" "$note"
	done <"$work/faults"
} >"$work/table"
cp "$work/table" "$table"
cat "$work/table"
echo
echo "table written to $table"
for n in $names; do
	echo "$n: $(cat "$work/rows/$n".* 2>/dev/null | awk -F'|' '$7 == "yes" && $8 == ""' | wc -l) of" \
		"$(grep -c "^$n " "$work/faults") faults recovered without a note"
done
bad=$(cat "$work/rows"/* 2>/dev/null | awk -F'|' '$7 != "yes" || $8 != ""' | wc -l)
bad=$((bad + $(wc -l <"$work/faults") - $(find "$work/rows" -type f | wc -l)))
[ "$bad" = 0 ] || fail "$bad fault(s) not recovered or with a note (see the table)"
echo "PASS"
