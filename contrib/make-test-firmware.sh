#!/bin/bash
# Writes a synthetic NEC .BIN image for tests, building the generator if needed.
# Usage: contrib/make-test-firmware.sh --model ND-3520A --version 3.04 [--no-bootcode] -o FILE.bin
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEC_ODD_BUILD_DIR:-$root/build}"

if [ ! -f "$build/build.ninja" ]; then
	echo "configuring $build" >&2
	meson setup "$build" "$root" >&2
fi
echo "building nec-make-firmware in $build" >&2
meson compile -C "$build" nec-make-firmware >&2
exec "$build/tests/sim/nec-make-firmware" "$@"
