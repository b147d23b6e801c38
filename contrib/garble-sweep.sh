#!/usr/bin/env bash
# The --garble sweep of tests/e2e/test-garble.sh with many seeds (CI runs a sample):
#   ./contrib/garble-sweep.sh [GET_DEVICES_SEEDS [INSTALL_SEEDS [FIRST_SEED]]]
# default 1000 and 500 from seed 1; prints the figures (seed counts, garbled
# answers, exit statuses, crashes, hangs, Erase/Program after a garbled
# identification). Needs root and Debian's fwupdtool, like the e2e tests.
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
# shellcheck source=contrib/ensure-built.sh
. "$top/contrib/ensure-built.sh"
ensure_built garble-sweep.sh nec-sim-run nec-make-firmware
NEC_ODD_BUILDDIR=$builddir \
	NEC_ODD_GARBLE_SEEDS=${1:-1000} \
	NEC_ODD_GARBLE_INSTALL_SEEDS=${2:-500} \
	NEC_ODD_GARBLE_FIRST=${3:-1} \
	exec "$top/tests/e2e/test-garble.sh"
