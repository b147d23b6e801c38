#!/usr/bin/env bash
# The main job, on a simulated ND-3520A: Debian's fwupdtool finds the drive.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
cd "$top"

./contrib/setup.sh
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
meson compile -C "$builddir"
export NEC_ODD_FWUPD_ROOT=${NEC_ODD_FWUPD_ROOT:-$builddir/demo-root}

echo
echo "demo: a simulated NEC ND-3520A with firmware 1.04 at /dev/sr0; fwupdtool get-devices:"
./contrib/sim.sh -- ./contrib/fwupdtool.sh get-devices --plugins nec_odd
