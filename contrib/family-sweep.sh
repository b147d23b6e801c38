#!/usr/bin/env bash
# The fault sweep of tests/e2e/test-family-sweep.sh at every command of every
# family's update (CI runs a sample of commands):
#   ./contrib/family-sweep.sh [CASE…]
# CASE: 640K 768K 1M 1M-K312 1M-K2 2M 2M-dump-id (tests/e2e/lib-families.sh),
# default all. Each fault (power loss, failed command, reset) is followed by a
# power cycle and the same install again; prints one row per fault and the
# figures per case, and writes the table to build/family-sweep-table.txt.
# Needs root and Debian's fwupdtool, like the e2e tests, and the build's
# cabinets.
#   NEC_ODD_SWEEP_MODES  only these fault modes, default all three
#   NEC_ODD_E2E_JOBS     parallel workers, default two per CPU
#   NEC_ODD_BUILDDIR     the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
# shellcheck source=contrib/ensure-built.sh
. "$top/contrib/ensure-built.sh"
# everything: the runner, the module and the test cabinets
ensure_built family-sweep.sh
NEC_ODD_BUILDDIR=$builddir \
	NEC_ODD_FAMILY_SWEEP=all \
	NEC_ODD_FAMILIES="$*" \
	exec "$top/tests/e2e/test-family-sweep.sh"
