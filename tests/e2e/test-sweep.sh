#!/usr/bin/env bash
# Issue 4 (safety), fault sweeps: a 1.04 -> 3.04 install interrupted at every
# single command, by a power loss (--power-loss-at N), by a failed command
# (--fail-command N) and by a reset of the drive (--reset-at N, issue 9: RAM
# and mode lost, unit attention; a reset during staging, checksum, erase or
# program must stop the update with a message saying to run it again).
# After each fault the drive is power-cycled; it must come
# back as something fwupd can update, and installing 3.04 again
# (--allow-reinstall) must succeed, leaving the 3.04 body in flash, the
# bootcode and calibration blocks untouched, and the drive reporting 3.04.
# A fault run that fwupdtool reports as a success must really have written 3.04.
#   NEC_ODD_SWEEP_JOBS   parallel workers, default: the number of CPUs
#   NEC_ODD_SWEEP_STEPS  only these N (space separated), for debugging
#   NEC_ODD_SWEEP_MODES  only these fault modes, default all three
. "$(dirname "$0")/lib.sh"
make_cab ND-3520A 3.04 "$work"
cab=$work/3.04.cab
snapshot_runner
factory_drive
fresh=$work/state.factory

echo "== a clean 1.04 -> 3.04 install, traced"
cp "$fresh" "$work/clean.state"
sim --state "$work/clean.state" --trace "$work/clean.trace" -- \
	"$fwupdtool" install "$cab" -y --plugins nec_odd >"$work/clean.out" 2>&1 ||
	{ log_of "$work/clean.out"; fail "the clean install failed"; }
cmp -s <(flash_body "$work/clean.state") <(image_body "$work/3.04.bin") || fail "clean install: flash is not 3.04"
n_total=$(wc -l <"$work/clean.trace")
echo "N_total = $n_total commands"
grep -q ' cmd=ProgramBlock/18 ' "$work/clean.trace" || fail "the clean trace has no program of block 18"

# step MODE N: one fault and its recovery; writes $work/rows/MODE.N
step() {
	local mode=$1 n=$2 d=$work/steps/$1.$2
	mkdir -p "$d"
	cp "$fresh" "$d/state"
	local rc_fault=0 rc_recover
	sim --state "$d/state" "--$mode" "$n" --trace "$d/fault.trace" -- \
		"$fwupdtool" install "$cab" -y --plugins nec_odd >"$d/fault.out" 2>&1 || rc_fault=$?
	cp "$d/state" "$d/state.after-fault"

	# the fault hit the command the clean run sent at step N (same CDB, same name)
	local want got note=''
	want=$(sed -n "${n}p" "$work/clean.trace" | awk '{print $3, $4}')
	got=$(sed -n "${n}p" "$d/fault.trace")
	case $mode in
	power-loss-at) [[ $got == *" $want "*"NO-ANSWER"* ]] || note="fault not at the clean run's command $n: $got" ;;
	fail-command) [[ $got == *" $want "*"sense=04/44/00"* ]] || note="fault not at the clean run's command $n: $got" ;;
	reset-at) [[ $got == *" $want "*" reset" ]] || note="fault not at the clean run's command $n: $got" ;;
	esac
	# the drive lost the staged image or its mode: the update must stop and say so
	if [ "$mode" = reset-at ] && [[ $want =~ \ cmd=(WriteRAM|SendChecksum|EraseBlock|ProgramBlock|EraseBank)(/|$) ]]; then
		if [ "$rc_fault" = 0 ]; then
			note="${note:+$note; }a reset during staging, checksum, erase or program was reported as a success"
		elif ! log_of "$d/fault.out" | grep -qi 'again'; then
			note="${note:+$note; }the error does not say to run the update again: $(log_of "$d/fault.out" | tail -1)"
		fi
	fi
	# a reported success must be real
	if [ "$rc_fault" = 0 ] && ! cmp -s <(flash_body "$d/state") <(image_body "$work/3.04.bin"); then
		note="${note:+$note; }fwupdtool reported success but the flash is not 3.04"
	fi

	# power cycle: what the drive shows, then the same install again
	sim --state "$d/state" --trace "$d/recover.trace" -- bash -c '
		"$0" get-devices --json --plugins nec_odd >"$1/shows.json" 2>"$1/shows.err"
		rc=0; "$0" install "$2" -y --allow-reinstall --plugins nec_odd >"$1/recover.out" 2>&1 || rc=$?
		echo "$rc" >"$1/recover.rc"
	' "$fwupdtool" "$d" "$cab" || true
	rc_recover=$(cat "$d/recover.rc" 2>/dev/null || echo none)
	# and power-cycle again: the drive's own INQUIRY
	sim --state "$d/state" -- "$CLIENT" /dev/sr0 >"$d/inquiry" 2>&1 || true
	local shows after recovered=yes
	shows=$(fwupd_json drive-shows "$d/shows.json")
	after=$(sed -n "s/^inquiry .* product='\([^']*\)' revision='\([^']*\)'.*/\1 \2/p" "$d/inquiry")
	[ "$rc_recover" = 0 ] || { recovered=no; note="${note:+$note; }reinstall exit $rc_recover: $(log_of "$d/recover.out" | tail -1)"; }
	cmp -s <(flash_body "$d/state") <(image_body "$work/3.04.bin") ||
		{ recovered=no; note="${note:+$note; }flash is not 3.04 after the reinstall"; }
	cmp -s <(flash_protected "$d/state") <(flash_protected "$fresh") ||
		{ recovered=no; note="${note:+$note; }bootcode or calibration changed"; }
	[ "$after" = "DVD_RW ND-3520A  3.04" ] ||
		{ recovered=no; note="${note:+$note; }after the reinstall and a power cycle the drive reports '$after'"; }
	printf '%s|%s|%s|%s|%s|%s|%s\n' "$mode" "$n" \
		"$(trace_cmd "$work/clean.trace" "$n")" "$rc_fault" "$shows" "$recovered" "$note" \
		>"$work/rows/$mode.$n"
}

steps=${NEC_ODD_SWEEP_STEPS:-$(seq 1 "$n_total")}
modes=${NEC_ODD_SWEEP_MODES:-power-loss-at fail-command reset-at}
# each step waits on the simulated drive and on umockdev too: two per core keep the cores busy
jobs=${NEC_ODD_SWEEP_JOBS:-$(($(nproc) * 2))}
mkdir -p "$work/rows" "$work/steps"
: >"$work/jobs"
for n in $steps; do
	for mode in $modes; do
		echo "$mode $n" >>"$work/jobs"
	done
done
echo "== $(wc -l <"$work/jobs") faults, $jobs workers"
run_workers "$jobs" step

table=$builddir/sweep-table.txt
[ -z "${NEC_ODD_SWEEP_STEPS:-}" ] || table=$builddir/sweep-table.partial.txt
{
	printf '%-13s %4s  %-34s %5s  %-22s %-9s %s\n' mode N "command at N (clean run)" exit "after fault, power cycle" recovered note
	for mode in $modes; do
		for n in $steps; do
			if [ -f "$work/rows/$mode.$n" ]; then
				IFS='|' read -r m nn cmd rc shows rec note <"$work/rows/$mode.$n"
			else
				m=$mode nn=$n cmd='?' rc='?' shows='?' rec=no note='the step did not finish'
			fi
			printf '%-13s %4s  %-34s %5s  %-22s %-9s %s\n' "$m" "$nn" "$cmd" "$rc" "$shows" "$rec" "$note"
		done
	done
} >"$work/table"
cp "$work/table" "$table"
cat "$work/table"
echo
echo "table written to $table"
for mode in $modes; do
	echo "$mode: $(cat "$work/rows/$mode".* | awk -F'|' '$6 == "yes"' | wc -l) of $(echo $steps | wc -w) recovered;" \
		"after the fault: $(cat "$work/rows/$mode".* | cut -d'|' -f5 | sort | uniq -c | awk '{c=$1; $1=""; printf "%s%s x%s", sep, substr($0,2), c; sep=", "}')"
done
bad=$(cat "$work/rows"/* | awk -F'|' '$6 != "yes" || $7 != ""' | wc -l)
bad=$((bad + $(echo $steps | wc -w) * $(echo $modes | wc -w) - $(ls "$work/rows" | wc -l)))
[ "$bad" = 0 ] || fail "$bad fault(s) not recovered or with a note (see the table)"
echo "PASS"
