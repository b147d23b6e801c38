#!/usr/bin/env bash
# Run a command against a simulated NEC DVD writer at /dev/sr0 (umockdev):
#   ./contrib/sim.sh [nec-sim-run options] -- COMMAND [ARG...]
# Options: ./contrib/sim.sh --help, or tests/runner/README.md.
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
# Build output goes to stderr so that COMMAND's stdout stays clean.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}

if [ ! -f "$builddir/build.ninja" ]; then
	echo "sim.sh: meson setup $builddir" >&2
	meson setup "$builddir" "$top" >&2
fi
echo "sim.sh: meson compile -C $builddir nec-sim-run" >&2
meson compile -C "$builddir" nec-sim-run >&2
exec "$builddir/tests/runner/nec-sim-run" "$@"
