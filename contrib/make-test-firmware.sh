#!/usr/bin/env bash
# Write a synthetic NEC .BIN image for tests (filler bytes, never NEC code):
#   ./contrib/make-test-firmware.sh --model MODEL --version 3.04 [--no-bootcode] [--hwid X]
#       [--laptop-slave] -o FILE.bin     (MODEL: any NecOddModel of plugins/nec-odd/nec-odd.quirk)
#   ./contrib/make-test-firmware.sh --list   (every model: name, family, hardware ID, key)
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
# Build output goes to stderr.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}

# shellcheck source=contrib/ensure-built.sh
. "$top/contrib/ensure-built.sh"
ensure_built make-test-firmware.sh nec-make-firmware
exec "$builddir/tests/sim/nec-make-firmware" "$@"
