#!/usr/bin/env bash
# Fuzz FuNecOddFirmware parse/write with libFuzzer for SECONDS (default 60):
#   ./contrib/fuzz.sh [SECONDS]
# Builds build-fuzz with clang, ASan + UBSan (no recovery) and libFuzzer coverage on
# the plugin's static library, makes the seed corpus in memory (builder XML, the
# simulator's synthetic images, broken ones), and runs one fuzzer process.
# New inputs go to build-fuzz/corpus (kept across runs), crashes to build-fuzz/crashes;
# at the end it prints libFuzzer's figures and the edges reached in the parser.
# A longer run, e.g. an hour: ./contrib/fuzz.sh 3600
# Speed: every valid input is 1 MiB and each execution parses, writes and re-parses
# it (several 1 MiB copies); ASan's default 256 MB quarantine makes every one of them
# fresh, page-faulted memory, so it is cut to 16 MB (still 16 freed images deep).
#   NEC_ODD_FUZZ_BUILDDIR  build directory (default build-fuzz)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
builddir=${NEC_ODD_FUZZ_BUILDDIR:-$top/build-fuzz}
cd "$top"

if [ ! -f "$builddir/build.ninja" ]; then
	CC=clang meson setup "$builddir" -Dfuzzing=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dbuildtype=debugoptimized \
		-Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		-Dc_link_args="-fno-sanitize-recover=all" >/dev/null
fi
# only what fuzzing needs: the module itself cannot link with clang's static ASan
meson compile -C "$builddir" nec-odd-fuzzer nec-odd-fuzz-seeds >/dev/null

seeds=$builddir/seeds
corpus=$builddir/corpus
crashes=$builddir/crashes
mkdir -p "$corpus" "$crashes"
rm -rf "$seeds"
"$builddir/tests/fuzz/nec-odd-fuzz-seeds" plugins/nec-odd/tests/nec-odd.builder.xml "$seeds"

# 1,024,006 is the largest valid image; a little more lets sizes around it be tried
log=$builddir/fuzz.log
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:quarantine_size_mb=16}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
set +e
"$builddir/tests/fuzz/nec-odd-fuzzer" "$corpus" "$seeds" \
	-dict="$top/tests/fuzz/nec-odd.dict" \
	-max_len=1024016 -len_control=0 -rss_limit_mb=4096 -timeout=30 \
	-max_total_time="$seconds" -print_final_stats=1 \
	-artifact_prefix="$crashes/" 2>"$log"
rc=$?
set -e
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::' "$log" || true
if [ $rc -ne 0 ]; then
	tail -n 60 "$log"
	echo "fuzz.sh: the fuzzer failed (exit $rc); inputs in $crashes, log $log" >&2
	exit 1
fi
# edges reached in the code bytes can reach (build() and the GType boilerplate cannot)
"$builddir/tests/fuzz/nec-odd-fuzzer" -runs=0 -print_coverage=1 -max_len=1024016 \
	"$corpus" "$seeds" 2>&1 | awk '
	/COVERED_FUNC/ && /fu-nec-odd-(firmware|family)\.c/ && !/_build|_get_type|class_intern_init/ {
		split($5, e, "/"); got += e[1]; all += e[2]
	}
	END { if (all) printf "fuzz.sh: parser/writer edges covered: %d/%d (%.0f%%)\n", got, all, 100 * got / all }'
echo "fuzz.sh: no crash in ${seconds}s; corpus $corpus ($(find "$corpus" -type f | wc -l) inputs), log $log"
