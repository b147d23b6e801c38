#!/usr/bin/env bash
# The module, simulator, runner and tests built with gcc's ASan + UBSan (every
# report fatal), then the meson tests run against them:
#   ./contrib/sanitize.sh
#   NEC_ODD_ASAN_BUILDDIR        build directory (default build-asan)
#
# Two passes, because Debian's fwupdtool is not instrumented:
#  1. our own programs (plugin self-test, simulator self-test, runner, fuzz seeds):
#     ASan with leak detection, UBSan;
#  2. everything that loads the module into /usr/bin/fwupdtool (nec-sim-run-fwupd
#     and the e2e tests but the sweeps, daemon, daemon-clash, daemon-media, emulation and lvfs ones, see below): libasan is LD_PRELOADed through `meson test --wrapper`, so
#     it reaches the runner and, after umockdev's preload library (the runner puts
#     that first), fwupdtool; verify_asan_link_order=0 allows that order. Memory
#     errors in our module, and in anything libasan intercepts (memcpy, str*), stop
#     the run; leaks are not checked here, since fwupdtool, GLib's type system and
#     libfwupdplugin keep allocations to exit by design and none of it is
#     instrumented. UBSan covers the module's code in both passes.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_ASAN_BUILDDIR:-$top/build-asan}
cd "$top"

if [ ! -f "$builddir/build.ninja" ]; then
	CC=gcc meson setup "$builddir" -Db_sanitize=address,undefined -Dbuildtype=debug \
		-Dc_args="-fno-sanitize-recover=all -fno-omit-frame-pointer" \
		-Dc_link_args="-fno-sanitize-recover=all" >/dev/null
fi
libasan=$(gcc -print-file-name=libasan.so)
libasan=$(readlink -f "$libasan")
preload_opts=detect_leaks=0:verify_asan_link_order=0:abort_on_error=1
# the programs first; then the test cabinets, whose build runs fwupdtool with the
# module (so it needs libasan preloaded too)
meson compile -C "$builddir" nec-sim-run nec-sim-client nec-make-firmware nec-sim-self-test \
	nec-odd-self-test nec-odd-fuzz-seeds nec-odd-parse-bench fwupd/module/fu_plugin_nec_odd >/dev/null
LD_PRELOAD=$libasan ASAN_OPTIONS=$preload_opts meson compile -C "$builddir" >/dev/null
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fwupd_tests=(nec-sim-run-fwupd)
own_tests=()
while read -r suite t; do
	case "$suite" in
	# Debian's fwupd with libasan preloaded runs ~10x slower: the sweeps (a full
	# update per command), the daemon and the emulation replay stay in the
	# normal run; every plugin path they use is also in update/refuse/recover/families.
	# So do the daemon's signed HTTP remote (lvfs) and GNOME Software.
	*:e2e) case "$t" in e2e-sweep | e2e-family-sweep | e2e-daemon | e2e-daemon-clash | e2e-daemon-media | e2e-emulation | e2e-lvfs) ;; *) fwupd_tests+=("$t") ;; esac ;;
	*:gnome-software) ;;
	*) [ "$t" = nec-sim-run-fwupd ] || own_tests+=("$t") ;;
	esac
done < <(meson test -C "$builddir" --list 2>/dev/null | sed -n 's/^\([^ ]*\) \/ \(.*\)$/\1 \2/p')

# umockdev's preload library comes before libasan in the runner's children
echo "sanitize.sh: pass 1, our own programs, leaks checked: ${own_tests[*]}"
ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0:abort_on_error=1 \
	meson test -C "$builddir" --no-rebuild --print-errorlogs "${own_tests[@]}"

echo "sanitize.sh: pass 2, the module in Debian's fwupd with $libasan preloaded: ${fwupd_tests[*]}"
ASAN_OPTIONS=$preload_opts \
	meson test -C "$builddir" --no-rebuild --print-errorlogs --wrapper "env LD_PRELOAD=$libasan" \
	"${fwupd_tests[@]}"

# a report that a test script swallowed would still be in the logs
if grep -lE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' \
	"$builddir"/meson-logs/testlog*.txt; then
	echo "sanitize.sh: a sanitizer report is in the logs above" >&2
	exit 1
fi
echo "sanitize.sh: no sanitizer report"
