#!/usr/bin/env bash
# The main job, on a simulated NEC ND-3520A with firmware 1.04: Debian's own
# fwupdtool finds the drive, installs the 3.04 cabinet (saving the old
# firmware first), and the drive then reports 3.04.
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
cd "$top"

./contrib/setup.sh
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
meson compile -C "$builddir"

demo=$builddir/demo
rm -rf "$demo"
mkdir -p "$demo"
export NEC_ODD_BUILDDIR=$builddir
export NEC_ODD_FWUPD_ROOT=$demo/fwupd-root
cab=$builddir/tests/firmware/ND-3520A-3.04.cab
state=$demo/drive.flash # the simulated drive's flash, kept between runs

quiet() { grep -v -E '^(Loading|Idle|Decompressing)…' || true; } # fwupdtool's start-up progress
# fwupdtool's progress ("Writing…: 86%", a line per change when not on a
# terminal) as one bar redrawn in place on a terminal, else one line of tens
# of percent; the runner's build messages are dropped
progress() {
	local tty=0
	[ -t 1 ] && tty=1
	awk -v tty="$tty" '
	function bar(p,  n, b) { n = int(p * 30 / 100); b = ""; while (length(b) < n) b = b "#"; while (length(b) < 30) b = b "."; return b }
	/^(Loading|Idle|Decompressing)…/ { next }
	/…: [0-9]+%$/ {
		i = index($0, "…: "); s = substr($0, 1, i - 1); p = substr($0, i + length("…: ")) + 0
		if (tty) printf "\r\033[K  [%s] %3d%% %s…", bar(p), p, s
		else { if (!shown) printf "  progress:"; while (p >= next_pct + 10) { next_pct += 10; printf " %d%%", next_pct } }
		shown = 1; fflush(); next
	}
	/^(INFO: |ninja: |sim\.sh: meson compile)/ { next }
	{ if (shown) printf "\n"; shown = 0; print; fflush() }
	END { if (shown) printf "\n" }'
}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "A simulated NEC ND-3520A with firmware 1.04 is at /dev/sr0; fwupd finds it:"
./contrib/sim.sh --state "$state" -- ./contrib/fwupdtool.sh get-devices --plugins nec_odd 2>&1 | quiet

step "Install the 3.04 cabinet (${cab#"$top"/}) with Debian's fwupdtool:"
start=$SECONDS
rc=0
./contrib/sim.sh --state "$state" --trace "$demo/trace" --time-scale 0.05 -- \
	./contrib/fwupdtool.sh install "$cab" --plugins nec_odd -y 2>&1 | progress || rc=$?
if [ "$rc" != 0 ]; then
	printf '\033[1;31mFAILED: fwupdtool install exited with status %s (see above)\033[0m\n' "$rc"
	exit 1
fi
printf '\033[1;32mOK: firmware 3.04 installed and verified in %d s\033[0m\n' "$((SECONDS - start))"

step "After a power cycle the drive reports:"
./contrib/sim.sh --state "$state" -- ./contrib/fwupdtool.sh get-devices --plugins nec_odd 2>/dev/null |
	grep -E 'ND-3520A|Current version'

step "The 1.04 firmware was saved before anything was written:"
find "$NEC_ODD_FWUPD_ROOT/var/lib/fwupd/backup" -name '*.bin' -exec ls -l {} +
echo "($(wc -l <"$demo/trace") SCSI commands were sent; the list is in $demo/trace)"
