#!/usr/bin/env bash
# Issue 9 (hostile drives), the --garble sweep: Debian's fwupdtool runs
# get-devices and a 1.04 -> 3.04 install against a drive whose answers are
# spoiled at random (nec-sim-run --garble SEED: wrong resid, random data,
# random sense, wrong status, no data, host errors). The share of spoiled
# answers cycles with the seed through 2, 5, 10, 25 and 50 %: dense garbling
# hits identification often, sparse garbling lets installs get far.
# For every seed: no crash (exit >= 128), no hang (each run is given
# NEC_ODD_GARBLE_LIMIT seconds, far beyond the command timeouts at the
# runner's time scale), no sanitizer report in its output (under
# contrib/sanitize.sh), a reported success is real (the flash holds 3.04),
# and no Erase or Program command after any garbled identification answer
# (INQUIRY, bootcode INQUIRY, hardware ID ReadRAM), not even one that a retry
# replaced; how many of those came while the last answer to that command was
# still the garbled one is printed too.
#   NEC_ODD_GARBLE_SEEDS          get-devices seeds, default 100 (CI; 30 under libasan)
#   NEC_ODD_GARBLE_INSTALL_SEEDS  install seeds, default 60 (CI; 20 under libasan)
#   NEC_ODD_GARBLE_FIRST          first seed, default 1
#   NEC_ODD_GARBLE_JOBS           parallel workers, default 2 per CPU
#   NEC_ODD_GARBLE_LIMIT          seconds per run before it counts as a hang, default 120
# contrib/garble-sweep.sh runs thousands.
. "$(dirname "$0")/lib.sh"
n_get=${NEC_ODD_GARBLE_SEEDS:-100}
n_install=${NEC_ODD_GARBLE_INSTALL_SEEDS:-60}
# contrib/sanitize.sh preloads libasan: a smaller sample there, for the sanitizer reports
if [[ ${LD_PRELOAD:-} == *libasan* ]]; then
	n_get=${NEC_ODD_GARBLE_SEEDS:-30}
	n_install=${NEC_ODD_GARBLE_INSTALL_SEEDS:-20}
fi
first=${NEC_ODD_GARBLE_FIRST:-1}
jobs=${NEC_ODD_GARBLE_JOBS:-$(($(nproc) * 2))}
limit=${NEC_ODD_GARBLE_LIMIT:-120}
# the trace check itself must see a violation: an erase after a garbled
# hardware ID, and after a bootcode INQUIRY whose garbling a retry replaced
printf '%s\n' '1 sr0 cdb=120000002400 cmd=INQUIRY dir=in len=36 status=GOOD' \
	'2 sr0 cdb=CC0000004800000020000000 cmd=ReadRAM/0x004800/32 dir=in len=32 status=GOOD garbled=data' \
	'3 sr0 cdb=CC0100004B33353201000000 cmd=SafeMode/enter/K352 dir=none len=0 status=GOOD' \
	'4 sr0 cdb=120000002400 cmd=INQUIRY dir=in len=36 status=CHECK sense=0B/00/00 garbled=sense' \
	'5 sr0 cdb=120000002400 cmd=INQUIRY dir=in len=36 status=GOOD' \
	'6 sr0 cdb=CB0400000000000004000000 cmd=EraseBlock/18 dir=none len=0 status=GOOD' >"$work/bad.trace"
"$py" "$top/tests/e2e/garble-trace.py" "$work/bad.trace" >"$work/bad.figures"
grep -qx 'id_garbled=2' "$work/bad.figures" && grep -qx 'flash_after_id=1' "$work/bad.figures" &&
	grep -qx 'flash_unchecked=1' "$work/bad.figures" && grep -qx 'kinds=data:1,sense:1' "$work/bad.figures" ||
	{ cat "$work/bad.figures"; fail "garble-trace.py misreads a trace with a violation"; }
sed -i '2d' "$work/bad.trace"
"$py" "$top/tests/e2e/garble-trace.py" "$work/bad.trace" >"$work/bad.figures"
grep -qx 'flash_after_id=1' "$work/bad.figures" && grep -qx 'flash_unchecked=0' "$work/bad.figures" ||
	{ cat "$work/bad.figures"; fail "garble-trace.py misreads a garbled answer a retry replaced"; }

make_cab ND-3520A 3.04 "$work"
snapshot_runner
factory_drive
fresh=$work/state.factory
rates=(2 5 10 25 50)
mkdir -p "$work/rows" "$work/runs"

# run KIND SEED: one garbled fwupdtool run; writes $work/rows/KIND.SEED
run() {
	local kind=$1 seed=$2 d=$work/runs/$1.$2 rc=0 start note=''
	mkdir -p "$d"
	cp "$fresh" "$d/state"
	local args=(get-devices --json)
	[ "$kind" = get-devices ] || args=(install "$work/3.04.cab" -y)
	start=$EPOCHREALTIME
	timeout -k 5 "$limit" "$runner" --garble "$seed" --garble-rate "${rates[seed % 5]}" --state "$d/state" --trace "$d/trace" -- \
		"$fwupdtool" "${args[@]}" --plugins nec_odd >"$d/out" 2>&1 || rc=$?
	local secs
	secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
	if [ "$kind" = install ] && [ "$rc" = 0 ] && ! cmp -s <(flash_body "$d/state") <(image_body "$work/3.04.bin"); then
		note="fwupdtool reported success but the flash is not 3.04"
	fi
	# under contrib/sanitize.sh: UBSan's halt_on_error exits 1, so look for the report
	if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$d/out"; then
		note="${note:+$note; }a sanitizer report: $(grep -m1 -E 'ERROR: |runtime error:' "$d/out")"
	fi
	local figures
	figures=$("$py" "$top/tests/e2e/garble-trace.py" "$d/trace" | tr '\n' ' ')
	printf '%s|%s|%s|%s|%s|%s\n' "$kind" "$seed" "$rc" "$secs" "$figures" "$note" >"$work/rows/$kind.$seed"
}

: >"$work/jobs"
for s in $(seq "$first" $((first + n_get - 1))); do echo "get-devices $s" >>"$work/jobs"; done
for s in $(seq "$first" $((first + n_install - 1))); do echo "install $s" >>"$work/jobs"; done
echo "== $n_get get-devices and $n_install install seeds from $first, $jobs workers"
run_workers "$jobs" run

"$py" - "$work/rows" "$n_get" "$n_install" "$limit" <<'PY' | tee "$work/summary"
import collections, os, sys
rows_dir, n_get, n_install, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
bad = []
for kind, n in (("get-devices", n_get), ("install", n_install)):
    rows = []
    for f in os.listdir(rows_dir):
        if f.startswith(kind + "."):
            k, seed, rc, secs, figures, note = open(os.path.join(rows_dir, f)).read().rstrip("\n").split("|")
            fig = dict(x.split("=", 1) for x in figures.split())
            rows.append((int(seed), int(rc), float(secs), fig, note))
    rcs = collections.Counter(r[1] for r in rows)
    kinds = collections.Counter()
    for r in rows:
        for kv in filter(None, r[3]["kinds"].split(",")):
            k, v = kv.split(":")
            kinds[k] += int(v)
    crashes = [r for r in rows if r[1] >= 128 or r[1] == 125]
    hangs = [r for r in rows if r[1] in (124, 137) or r[2] >= limit]
    after_id = [r for r in rows if int(r[3]["flash_after_id"]) > 0]
    unchecked = [r for r in rows if int(r[3]["flash_unchecked"]) > 0]
    notes = [r for r in rows if r[4]]
    print(f"{kind}: {len(rows)} of {n} seeds ran; garbled answers {sum(int(r[3]['garbled']) for r in rows)}"
          f" ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}),"
          f" identification answers garbled {sum(int(r[3]['id_garbled']) for r in rows)}")
    print(f"  exit status: {', '.join(f'{k} x{v}' for k, v in sorted(rcs.items()))};"
          f" longest run {max((r[2] for r in rows), default=0):.1f} s")
    print(f"  crashes {len(crashes)}, hangs {len(hangs)},"
          f" runs with Erase/Program after a garbled identification answer {len(after_id)}"
          f" (of them while the last such answer was the garbled one {len(unchecked)}),"
          f" false successes or sanitizer reports {len(notes)}")
    if kind == "install":
        print(f"  installs that completed: {rcs.get(0, 0)}")
    for what, lst in (("crash", crashes), ("hang", hangs), ("Erase/Program after a garbled identification answer", after_id), ("note", notes)):
        for r in lst:
            bad.append(f"{kind} seed {r[0]}: {what} (exit {r[1]}, {r[2]:.1f} s) {r[4]}")
    if len(rows) != n:
        bad.append(f"{kind}: only {len(rows)} of {n} seeds finished")
for b in bad:
    print("BAD: " + b)
sys.exit(1 if bad else 0)
PY
echo "PASS"
