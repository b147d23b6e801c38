#!/usr/bin/env bash
# Everything CI checks, from a fresh Debian 12 machine: set-up, build with
# -Werror, unit tests, end-to-end tests through Debian's fwupdtool against the
# simulated drive, and fwupd's source checks on the plugin.
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
cd "$top"

echo "test.sh: set-up"
./contrib/setup.sh
if [ ! -f "$builddir/build.ninja" ]; then
	meson setup "$builddir"
fi
echo "test.sh: build"
meson compile -C "$builddir"
echo "test.sh: meson test"
meson test -C "$builddir" --print-errorlogs
echo "test.sh: fwupd source checks"
./contrib/check-style.sh
