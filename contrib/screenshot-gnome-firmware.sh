#!/usr/bin/env bash
# Screenshot Debian's GNOME Firmware (gnome-firmware) showing the simulated
# ND-3520A and the updates the local remote offers for it:
#   ./contrib/screenshot-gnome-firmware.sh [-o FILE.png] [fwupd-daemon.sh options]
# Default output docs/gnome-firmware.png. The daemon runs as in
# contrib/fwupd-daemon.sh (private bus, private root, the drive at 1.04 unless
# e.g. --firmware FILE.bin says otherwise); gnome-firmware runs on an Xvfb
# display with its own session bus, and the window is saved with xwd.
# Needs: gnome-firmware, xvfb, x11-apps (xwd), x11-utils (xwininfo), imagemagick.
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
width=1000 height=760 # big enough for the device properties and three releases

# the part that runs as fwupd-daemon.sh's COMMAND, with the daemon up
if [ "${1:-}" = --under-daemon ]; then
	out=$2 tmp=$3
	Xvfb -displayfd 3 -screen 0 1100x900x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
	xvfb=$!
	gf=''
	trap 'kill ${gf:+"$gf"} "$xvfb" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
	for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
	[ -s "$tmp/display" ] || { cat "$tmp/xvfb.log" >&2; echo "screenshot: Xvfb did not start" >&2; exit 1; }
	DISPLAY=:$(cat "$tmp/display")
	export DISPLAY
	# GTK 4 on X11 without GL, a session bus of its own, and no accessibility bus
	# (its launcher would outlive dbus-run-session)
	export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 LANG=C.UTF-8
	dbus-run-session -- gnome-firmware >"$tmp/gnome-firmware.log" 2>&1 &
	gf=$!
	win=''
	for _ in $(seq 100); do
		win=$(xwininfo -root -tree | awk '/"gnome-firmware"/ && !/ 1x1\+/ {print $1; exit}')
		[ -n "$win" ] && break
		sleep 0.1
	done
	[ -n "$win" ] || { cat "$tmp/gnome-firmware.log" >&2; echo "screenshot: no gnome-firmware window" >&2; exit 1; }
	# no window manager: resize the window ourselves, through Xlib
	python3 - "$win" "$width" "$height" <<'PY'
import ctypes, sys
x11 = ctypes.CDLL("libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XMoveResizeWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                  ctypes.c_uint, ctypes.c_uint]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
dpy = x11.XOpenDisplay(None)
x11.XMoveResizeWindow(dpy, int(sys.argv[1], 0), 0, 0, int(sys.argv[2]), int(sys.argv[3]))
x11.XCloseDisplay(dpy)
PY
	sleep 3 # the device list and its releases come from the daemon asynchronously
	if ! kill -0 "$gf" 2>/dev/null; then
		cat "$tmp/gnome-firmware.log" >&2
		echo "screenshot: gnome-firmware exited" >&2
		exit 1
	fi
	xwd -id "$win" -silent | convert xwd:- -strip "$out"
	exit 0
fi

out=$top/docs/gnome-firmware.png
args=()
while [ $# -gt 0 ]; do
	case $1 in
	-o) [ $# -ge 2 ] || { echo "usage: $0 [-o FILE.png] [fwupd-daemon.sh options]" >&2; exit 2; }
		out=$(realpath -m "$2"); shift 2 ;;
	*) args+=("$1"); shift ;;
	esac
done
for p in gnome-firmware Xvfb xwd xwininfo convert; do
	command -v "$p" >/dev/null || { echo "screenshot: $p is missing (apt-get install gnome-firmware xvfb x11-apps x11-utils imagemagick)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$(dirname "$out")"
# a private root of its own: no history or verify records from other runs
NEC_ODD_FWUPD_ROOT=$tmp/root "$top/contrib/fwupd-daemon.sh" --log "$tmp/fwupd.log" "${args[@]}" \
	-- "$0" --under-daemon "$out" "$tmp"
echo "screenshot: wrote $out ($(stat -c %s "$out") bytes)"
