#!/usr/bin/env bash
# Fuzz the plugin with libFuzzer for SECONDS (default 60) per target:
#   ./contrib/fuzz.sh [SECONDS] [parser|device|all]   (default all)
# Builds build-fuzz with clang, ASan + UBSan (no recovery) and libFuzzer coverage on
# the plugin's static library, makes the seeds, runs one fuzzer process per target,
# and prints libFuzzer's figures and the edges reached in the code fuzzed.
#  parser: FuNecOddFirmware parse/write. Seeds made in memory (each family's builder
#    XML, broken copies of each).
#  device: FuNecOddDevice probe, setup, prepare, detach, dump, write, attach,
#    reload against SG_IO answers from the input (tests/fuzz/nec-odd-device-fuzz.h).
#    Seeds from traces of Debian's fwupdtool against the simulated drive
#    (tests/fuzz/record-traces.sh, with the normal build NEC_ODD_BUILDDIR), plus the
#    regression inputs in tests/fuzz/device-regressions.
# New inputs go to build-fuzz/corpus-TARGET (kept across runs), crashes, leaks and
# timeouts to build-fuzz/crashes; any of them fails the run.
# A longer run, e.g. an hour of the device side: ./contrib/fuzz.sh 3600 device
# Speed: every valid image is 0.6 to 1.9 MiB and each execution parses, writes and re-parses
# it (several copies); ASan's default 256 MB quarantine makes every one of them
# fresh, page-faulted memory, so it is cut to 16 MB (still 16 freed images deep).
#   NEC_ODD_FUZZ_BUILDDIR  build directory (default build-fuzz)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
which=${2:-all}
builddir=${NEC_ODD_FUZZ_BUILDDIR:-$top/build-fuzz}
cd "$top"
case "$which" in
parser) targets=(nec-odd-fuzzer nec-odd-fuzz-seeds) ;;
device) targets=(nec-odd-device-fuzzer nec-odd-device-fuzz-seeds) ;;
all) targets=(nec-odd-fuzzer nec-odd-fuzz-seeds nec-odd-device-fuzzer nec-odd-device-fuzz-seeds) ;;
*)
	echo "usage: fuzz.sh [SECONDS] [parser|device|all]" >&2
	exit 2
	;;
esac

if [ ! -f "$builddir/build.ninja" ]; then
	CC=clang meson setup "$builddir" -Dfuzzing=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dbuildtype=debugoptimized \
		-Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		-Dc_link_args="-fno-sanitize-recover=all" >/dev/null
fi
# only what fuzzing needs: the module itself cannot link with clang's static ASan
meson compile -C "$builddir" "${targets[@]}" >/dev/null

crashes=$builddir/crashes
mkdir -p "$crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:quarantine_size_mb=16}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# run_fuzzer NAME FUZZER FILES-REGEX [libFuzzer arguments and corpus dirs]: fuzz for
# $seconds, print the figures, then the edges covered in the files named
run_fuzzer() {
	local name=$1 fuzzer=$2 files=$3 rc=0
	shift 3
	local log=$builddir/fuzz-$name.log
	"$fuzzer" "$@" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$crashes/$name-" 2>"$log" || rc=$?
	echo "fuzz.sh: $name:"
	grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::' "$log" || true
	if [ $rc -ne 0 ]; then
		tail -n 60 "$log"
		echo "fuzz.sh: the $name fuzzer failed (exit $rc); inputs in $crashes, log $log" >&2
		exit 1
	fi
	# the edges reached in the code the inputs can reach (not build() or GType boilerplate)
	"$fuzzer" -runs=0 -print_coverage=1 "$@" 2>&1 | awk -v files="$files" -v name="$name" '
		/COVERED_FUNC/ && $0 ~ files && !/_build|_get_type|class_intern_init/ {
			split($5, e, "/"); got += e[1]; all += e[2]
		}
		END { if (all) printf "fuzz.sh: %s edges covered: %d/%d (%.0f%%)\n", name, got, all, 100 * got / all }'
	echo "fuzz.sh: $name: no crash in ${seconds}s; corpus $(find "$1" -type f | wc -l) inputs, log $log"
}

if [ "$which" != device ]; then
	seeds=$builddir/seeds
	rm -rf "$seeds"
	"$builddir/tests/fuzz/nec-odd-fuzz-seeds" "$seeds" plugins/nec-odd/tests/nec-odd-*.builder.xml
	mkdir -p "$builddir/corpus"
	# 1,966,088 (2M) is the largest valid image; a little more lets sizes around it be tried
	run_fuzzer parser "$builddir/tests/fuzz/nec-odd-fuzzer" 'fu-nec-odd-(firmware|family)\.c' \
		"$builddir/corpus" "$seeds" -dict="$top/tests/fuzz/nec-odd.dict" \
		-max_len=1966100 -len_control=0 -rss_limit_mb=4096 -timeout=30
fi

if [ "$which" != parser ]; then
	traces=$builddir/device-traces
	seeds=$builddir/device-seeds
	rm -rf "$seeds"
	# a trace that cannot be recorded (a plugin that fails fwupdtool) or a seed that
	# does not replay leaves fewer seeds: the meson test nec-odd-device-fuzz-seeds
	# fails for that, the fuzzing goes on
	if ! "$top/tests/fuzz/record-traces.sh" "$traces" 2>"$builddir/record-traces.log"; then
		tail -n 20 "$builddir/record-traces.log"
		echo "fuzz.sh: warning: not every trace was recorded" >&2
	fi
	"$builddir/tests/fuzz/nec-odd-device-fuzz-seeds" "$traces" "$seeds" ||
		echo "fuzz.sh: warning: not every device seed replays as recorded" >&2
	mkdir -p "$builddir/corpus-device"
	run_fuzzer device "$builddir/tests/fuzz/nec-odd-device-fuzzer" \
		'fu-nec-odd-(device|sg|cdb)\.c' \
		"$builddir/corpus-device" "$seeds" "$top/tests/fuzz/device-regressions" \
		-dict="$top/tests/fuzz/nec-odd-device.dict" -max_len=4096 -timeout=10
fi
