#!/usr/bin/env bash
# Write a synthetic NEC .BIN image for tests (filler bytes, never NEC code):
#   ./contrib/make-test-firmware.sh --model ND-3520A --version 3.04 [--no-bootcode] -o FILE.bin
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
# Build output goes to stderr.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}

if [ ! -f "$builddir/build.ninja" ]; then
	echo "make-test-firmware.sh: meson setup $builddir" >&2
	meson setup "$builddir" "$top" >&2
fi
echo "make-test-firmware.sh: meson compile -C $builddir nec-make-firmware" >&2
meson compile -C "$builddir" nec-make-firmware >&2
exec "$builddir/tests/sim/nec-make-firmware" "$@"
