#!/usr/bin/env bash
# Benchmarks against the simulated drive: update time (ND-3520A, 1M; ND-3550A,
# 2M) and read-back time against the simulator's busy model time, SG_IO
# commands against the protocol minimum, the probe cost with and without the
# module, parser speed, peak RSS, and the commands the drive gets while the
# daemon idles (none: no polling). Each figure
# is measured NEC_ODD_BENCH_RUNS times (default 5) and the median shown beside its
# baseline; the table goes to stdout, everything to build/bench.json.
#   ./contrib/bench.sh [OUT.json]      (about 8 minutes with 5 runs; needs root)
#   NEC_ODD_BENCH_IDLE_SECONDS  how long the daemon idles while its commands are counted (60)
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
if [ ! -f "$builddir/build.ninja" ]; then
	meson setup "$builddir" "$top" >&2
fi
meson compile -C "$builddir" >&2
export NEC_ODD_BUILDDIR=$builddir
exec python3 "$top/tests/bench/bench.py" "$@"
