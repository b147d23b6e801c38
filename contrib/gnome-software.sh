#!/usr/bin/env bash
# Debian's GNOME Software (43.5) against the private fwupd daemon and the
# simulated drive, driven through the accessibility tree
# (contrib/gnome-software-a11y.py): its Updates page must list the ND-3520A
# 1.04 → 3.07 with the release notes; with --update its Update button is
# pressed and the update must finish.
#   ./contrib/gnome-software.sh [-o FILE.png] [--update] [fwupd-daemon.sh options]
#       starts contrib/fwupd-daemon.sh with the signed HTTP remote (a fresh test
#       PKI unless --http-remote PKI is given) and a private root of its own;
#       -o saves the window (docs/gnome-software-updates.png is made this way)
#   ./contrib/gnome-software.sh --in-daemon [-o FILE.png] [--update]
#       the same, as COMMAND of a fwupd-daemon.sh that is already up
# GNOME Software runs on an Xvfb display with a session bus of its own
# (dbus-run-session, which starts the accessibility bus), HOME and XDG
# directories in a temporary directory, and no PackageKit (the private system
# bus activates no service), so only its fwupd plugin has anything to show.
# Every process started here is stopped at the end: Xvfb, and everything in
# the session started for GNOME Software (its bus, the at-spi launcher, bus
# and registry). Its --verbose log is printed when a step fails.
# Needs: gnome-software, python3-pyatspi, xvfb, x11-apps, x11-utils, imagemagick.
#   NEC_ODD_BUILDDIR  the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# what the signed test remote offers the simulated ND-3520A (contrib/build-cab.sh)
model=ND-3520A old=1.04 new=3.07
notes='Adds media codes for newer DVD+R and DVD-RW discs'

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}
in_daemon=0 out='' driver_args=() fwd=() args=() pki=''
while [ $# -gt 0 ]; do
	case $1 in
	--in-daemon) in_daemon=1; shift ;;
	-o) [ $# -ge 2 ] || usage; out=$(realpath -m "$2"); fwd+=(-o "$out"); shift 2 ;;
	--update) driver_args+=(--update); fwd+=(--update); shift ;;
	--http-remote) [ $# -ge 2 ] || usage; pki=$(realpath "$2"); shift 2 ;;
	-h | --help) usage ;;
	*) args+=("$1"); shift ;;
	esac
done
[ -z "$out" ] || driver_args+=(--screenshot "$out")
for p in gnome-software Xvfb xwd xwininfo convert dbus-run-session; do
	command -v "$p" >/dev/null || { echo "gnome-software.sh: $p is missing (contrib/setup.sh installs it)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null ||
	{ echo "gnome-software.sh: python3-pyatspi is missing" >&2; exit 1; }
tmp=$(mktemp -d)

if [ "$in_daemon" = 0 ]; then
	trap 'rm -rf "$tmp"' EXIT
	if [ -z "$pki" ]; then
		pki=$tmp/pki
		"$top/contrib/lvfs-sign.sh" pki "$pki" >/dev/null
	fi
	[ -z "$out" ] || mkdir -p "$(dirname "$out")"
	rc=0
	NEC_ODD_FWUPD_ROOT=${NEC_ODD_FWUPD_ROOT:-$tmp/root} "$top/contrib/fwupd-daemon.sh" \
		--http-remote "$pki" --log "$tmp/fwupd.log" "${args[@]}" -- \
		"$0" --in-daemon "${fwd[@]}" || rc=$?
	[ "$rc" = 0 ] || { echo "gnome-software.sh: failed; the daemon's log ends:" >&2; tail -n 15 "$tmp/fwupd.log" >&2; }
	exit "$rc"
fi

[ ${#args[@]} -eq 0 ] || usage
xvfb='' sid=''
stop() {
	# everything in GNOME Software's session (dbus-run-session's bus, the
	# accessibility bus launcher, bus and registry), then Xvfb
	if [ -n "$sid" ]; then
		local pids
		pids=$(ps -o pid= -s "$sid" || true)
		# shellcheck disable=SC2086
		[ -z "$pids" ] || kill -TERM $pids 2>/dev/null || true
		for _ in $(seq 50); do [ -z "$(ps -o pid= -s "$sid")" ] && break; sleep 0.1; done
		pids=$(ps -o pid= -s "$sid" || true)
		# shellcheck disable=SC2086
		[ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
	fi
	[ -z "$xvfb" ] || kill -TERM "$xvfb" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap stop EXIT
# the session below is not in our process group: a TERM for the group (a test
# timeout) must still reach stop()
trap 'exit 143' TERM
trap 'exit 130' INT

# the signed metadata, fetched as a user's fwupd-refresh.timer would
fwupdmgr --no-unreported-check --no-metadata-check refresh >"$tmp/refresh.log" 2>&1 ||
	{ cat "$tmp/refresh.log" >&2; exit 1; }

Xvfb -displayfd 3 -screen 0 1100x900x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || { cat "$tmp/xvfb.log" >&2; echo "gnome-software.sh: Xvfb did not start" >&2; exit 1; }
DISPLAY=:$(cat "$tmp/display")
export DISPLAY
# the display number comes before the server takes clients; once it answered
# "cannot open display" under load (a CI run on the shared machine)
for _ in $(seq 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
xwininfo -root >/dev/null 2>&1 || {
	cat "$tmp/xvfb.log" >&2
	echo "gnome-software.sh: Xvfb on $DISPLAY takes no clients" >&2
	exit 1
}
export GDK_BACKEND=x11 GSK_RENDERER=cairo GSETTINGS_BACKEND=keyfile LANG=C.UTF-8
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_CACHE_HOME=$tmp/home/.cache \
	XDG_DATA_HOME=$tmp/home/.local/share XDG_RUNTIME_DIR=$tmp/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 0700 "$XDG_RUNTIME_DIR"
unset NO_AT_BRIDGE GTK_A11Y

# a new session (setsid): what the session bus starts stays findable by its id
export GS_LOG=$tmp/gnome-software.log
setsid dbus-run-session -- bash -c '
	gnome-software --mode=updates --verbose >"$GS_LOG" 2>&1 &
	/usr/bin/python3 "$0" "$@"' "$top/contrib/gnome-software-a11y.py" \
	"$model" "$old" "$new" "$notes" "${driver_args[@]}" 2>"$tmp/session.log" &
sid=$!
rc=0
wait "$sid" || rc=$?
if [ "$rc" != 0 ]; then
	grep -v 'Failed to set fd limit' "$tmp/session.log" >&2 || true
	echo "gnome-software.sh: failed; GNOME Software's log ends:" >&2
	tail -n 30 "$GS_LOG" >&2
fi
exit "$rc"
