#!/usr/bin/env bash
# Run a command against a simulated NEC DVD writer at /dev/sr0 (umockdev):
#   ./contrib/sim.sh [nec-sim-run options] -- COMMAND [ARG...]
# Options: ./contrib/sim.sh --help, or tests/runner/README.md.
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
# Build output goes to stderr so that COMMAND's stdout stays clean.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}

# shellcheck source=contrib/ensure-built.sh
. "$top/contrib/ensure-built.sh"
ensure_built sim.sh nec-sim-run
exec "$builddir/tests/runner/nec-sim-run" "$@"
