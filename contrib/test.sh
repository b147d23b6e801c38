#!/usr/bin/env bash
# Everything CI checks, from a fresh Debian 12 machine: set-up, build with
# -Werror, unit tests, end-to-end tests through Debian's fwupdtool against the
# simulated drive, fwupd's source checks on the plugin, the Debian package
# (built, lintian, file list, loaded by fwupdtool), the plugin built and
# tested inside fwupd's own tree, then 105 s of fuzzing (image parser and
# device side) and the ASan + UBSan build with the unit and e2e tests.
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
echo "test.sh: Debian package"
rm -f "$builddir"/deb/fwupd-plugin-nec-odd_*.deb
./contrib/build-deb.sh "$builddir/deb"
./contrib/check-deb.sh "$builddir"/deb/fwupd-plugin-nec-odd_*.deb
# the plugin folder inside fwupd's own tree: its checks and self-tests (issue 13)
echo "test.sh: fwupd in-tree build"
in_tree_start=$(date +%s)
./contrib/build-in-fwupd-tree.sh
echo "test.sh: fwupd in-tree build took $(($(date +%s) - in_tree_start)) s"

# ---- robustness: bounded fuzzing and the sanitizer build (issue 6) ----
# libFuzzer, clang build-fuzz: the image parser/writer for 45 s
# (NEC_ODD_FUZZ_PARSER_SECONDS), the device side against hostile drive answers for
# 60 s (NEC_ODD_FUZZ_DEVICE_SECONDS); any crash, leak, timeout or sanitizer report fails
echo "test.sh: fuzzing (parser ${NEC_ODD_FUZZ_PARSER_SECONDS:-45} s, device ${NEC_ODD_FUZZ_DEVICE_SECONDS:-60} s)"
./contrib/fuzz.sh "${NEC_ODD_FUZZ_PARSER_SECONDS:-45}" parser
./contrib/fuzz.sh "${NEC_ODD_FUZZ_DEVICE_SECONDS:-60}" device
# ASan + UBSan build-asan: unit tests with leak checks, e2e suite in Debian's fwupdtool
echo "test.sh: sanitizers"
./contrib/sanitize.sh
