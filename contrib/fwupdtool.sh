#!/usr/bin/env bash
# Run Debian's own /usr/bin/fwupdtool with the nec_odd module loaded and
# private state, cache and config directories, never the machine's own.
#   NEC_ODD_FWUPD_ROOT  where that private state lives (default build/fwupd-root)
#   NEC_ODD_BUILDDIR    the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
root=${NEC_ODD_FWUPD_ROOT:-$builddir/fwupd-root}

# shellcheck source=contrib/fwupd-env.sh
. "$top/contrib/fwupd-env.sh"
exec /usr/bin/fwupdtool "$@"
