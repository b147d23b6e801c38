#!/usr/bin/env bash
# Run Debian's fwupd daemon with the nec_odd module against a simulated drive,
# on a private system bus, then run COMMAND (fwupdmgr, gnome-firmware, …) as
# its client:
#   ./contrib/fwupd-daemon.sh [OPTION...] [nec-sim-run options] -- COMMAND [ARG...]
# Options of its own:
#   --cab FILE.cab   serve this cabinet from the local remote (repeatable;
#                    default: every build/tests/firmware/*.cab)
#   --no-remote      no local remote
#   --http-remote PKI  instead of the local file:// remote, the signed HTTP
#                    remote nec-odd-http, as fwupd uses the LVFS: the cabinets
#                    and firmware.xml.gz (made with absolute locations) served
#                    from ROOT/nec-odd-http by a python3 http.server on
#                    127.0.0.1 (a free port); every cabinet without a
#                    firmware.jcat and the metadata signed by PKI's signer
#                    (contrib/lvfs-sign.sh), PKI/ca.pem the only certificate in
#                    ROOT's pki/fwupd and pki/fwupd-metadata. COMMAND gets
#                    NEC_ODD_HTTP_DIR, NEC_ODD_HTTP_URL and NEC_ODD_HTTP_LOG
#                    (the requests served), to tamper with or
#                    inspect what is served; fwupd.conf must not set
#                    OnlyTrusted=false
#   --log FILE       the daemon's --verbose log (default: ROOT/fwupd-daemon.log)
#   --no-sim         no simulator: the daemon sees only the machine's own
#                    devices (and emulated ones, e.g. fwupdmgr device-emulate);
#                    takes no nec-sim-run option. The daemon runs with
#                    contrib/fwupd-netlink-shim.c preloaded (built here with cc
#                    into BUILDDIR) so that libusb 1.0.26 does not cost it
#                    its udev backend (fwupd issue 8083)
#   --netlink-clash  test only: the daemon's netlink bind fails with EADDRINUSE
#                    as libusb 1.0.26 makes it fail on a real Debian 12 machine
#                    (tests/e2e/nec-netlink-clash.c, preloaded before umockdev)
# Every other option goes to nec-sim-run (--state, --trace, --model, …; see
# tests/runner/README.md). One run of this script is one power cycle of the
# simulated drive: the daemon is started under nec-sim-run, COMMAND runs with
# DBUS_SYSTEM_BUS_ADDRESS pointing at the private bus, and when it ends the
# daemon, the simulator (saving --state) and the bus are stopped. Exit status:
# COMMAND's, or 125 if the bus or the daemon could not be started. COMMAND gets
# NEC_ODD_SIM_PID, nec-sim-run's PID (kill -USR1 inserts or removes the disc;
# not with --no-sim).
#   NEC_ODD_FWUPD_ROOT  the private fwupd root (default build/fwupd-root, shared
#                       with contrib/fwupdtool.sh: same history and backups)
#   NEC_ODD_BUILDDIR    the meson build directory (default build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
root=${NEC_ODD_FWUPD_ROOT:-$builddir/fwupd-root}
fwupd=/usr/libexec/fwupd/fwupd

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit "${1:-125}"
}
cabs=() sim_args=() remote=1 log='' use_sim=1 http_pki='' clash=0
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; break ;;
	--cab) [ $# -ge 2 ] || usage; cabs+=("$(realpath "$2")"); shift 2 ;;
	--no-remote) remote=0; shift ;;
	--http-remote) [ $# -ge 2 ] || usage; http_pki=$(realpath "$2"); shift 2 ;;
	--log) [ $# -ge 2 ] || usage; log=$(realpath -m "$2"); shift 2 ;;
	--no-sim) use_sim=0; shift ;;
	--netlink-clash) clash=1; shift ;;
	-h | --help) usage 0 ;;
	# nec-sim-run's options, with their argument if they take one
	--model | --firmware | --state | --time-scale | --trace | --fail-command | --power-loss-at)
		[ $# -ge 2 ] || usage; sim_args+=("$1" "$2"); shift 2 ;;
	*) sim_args+=("$1"); shift ;;
	esac
done
[ $# -gt 0 ] || usage
[ -x "$fwupd" ] || { echo "fwupd-daemon.sh: $fwupd is missing (apt-get install fwupd)" >&2; exit 125; }
sim_run=$builddir/tests/runner/nec-sim-run
shim=$builddir/fwupd-netlink-shim.so
if [ "$use_sim" = 0 ]; then
	if [ ${#sim_args[@]} -gt 0 ]; then
		echo "fwupd-daemon.sh: --no-sim takes no simulator option: ${sim_args[*]}" >&2
		exit 125
	fi
	if [ ! "$shim" -nt "$top/contrib/fwupd-netlink-shim.c" ]; then
		if ! cc -shared -fPIC -O2 -Wall -Werror -o "$shim.$$" "$top/contrib/fwupd-netlink-shim.c" -ldl; then
			echo "fwupd-daemon.sh: cannot build $shim" >&2
			exit 125
		fi
		mv "$shim.$$" "$shim"
	fi
elif [ ! -x "$sim_run" ]; then
	meson compile -C "$builddir" nec-sim-run >&2
fi
clash_lib=$builddir/tests/e2e/libnec-netlink-clash.so
if [ "$clash" = 1 ]; then
	[ "$use_sim" = 1 ] || { echo "fwupd-daemon.sh: --netlink-clash needs the simulator" >&2; exit 125; }
	[ -f "$clash_lib" ] || meson compile -C "$builddir" nec-netlink-clash >&2
fi

# shellcheck source=contrib/fwupd-env.sh
. "$top/contrib/fwupd-env.sh"
log=${log:-$root/fwupd-daemon.log}

tmp=$(mktemp -d)
bus_pid='' daemon_pid='' http_pid=''
cleanup() {
	if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
		kill -TERM "$daemon_pid" 2>/dev/null || true # nec-sim-run forwards it to fwupd
		for _ in $(seq 100); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
		if kill -0 "$daemon_pid" 2>/dev/null; then
			echo "fwupd-daemon.sh: the daemon did not stop in 10 s, killing it" >&2
			kill -KILL "$daemon_pid" 2>/dev/null || true
		fi
	fi
	[ -z "$daemon_pid" ] || wait "$daemon_pid" 2>/dev/null || true
	if [ -n "$bus_pid" ]; then
		kill -TERM "$bus_pid" 2>/dev/null || true
		wait "$bus_pid" 2>/dev/null || true
	fi
	if [ -n "$http_pid" ]; then
		kill -TERM "$http_pid" 2>/dev/null || true
		wait "$http_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# the private system bus: the system bus's default policy plus the services'
# own policies (org.freedesktop.fwupd.conf lets only root own the name)
cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$tmp/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
  </policy>
  <includedir>/usr/share/dbus-1/system.d</includedir>
</busconfig>
EOF
# (as root in a container it warns that it cannot raise its fd limit: logged, not shown)
dbus-daemon --config-file="$tmp/bus.conf" --nofork --nosyslog 2>"$tmp/bus.log" &
bus_pid=$!
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$tmp/system_bus_socket
for _ in $(seq 50); do [ -S "$tmp/system_bus_socket" ] && break; sleep 0.1; done
if [ ! -S "$tmp/system_bus_socket" ]; then
	echo "fwupd-daemon.sh: dbus-daemon did not start:" >&2
	cat "$tmp/bus.log" >&2
	exit 125
fi

# the local remote: LVFS-style metadata made from the cabinets
rm -f "$root/etc/fwupd/remotes.d/nec-odd-local.conf" "$root/etc/fwupd/remotes.d/nec-odd-http.conf"
if [ "$remote" = 1 ]; then
	if [ ${#cabs[@]} -eq 0 ]; then
		for c in "$builddir"/tests/firmware/*.cab; do [ -f "$c" ] && cabs+=("$c"); done
	fi
	[ ${#cabs[@]} -gt 0 ] || { echo "fwupd-daemon.sh: no cabinets: build first" >&2; exit 125; }
fi
if [ "$remote" = 1 ] && [ -n "$http_pki" ]; then
	# the signed HTTP remote, as the LVFS serves it
	if grep -qis '^OnlyTrusted *= *false' "$root/etc/fwupd/fwupd.conf"; then
		echo "fwupd-daemon.sh: --http-remote: $root/etc/fwupd/fwupd.conf sets OnlyTrusted=false" >&2
		exit 125
	fi
	http_dir=$root/nec-odd-http
	# a new port each time: no metadata cached from another run
	rm -rf "$http_dir" "$root/var/lib/fwupd/metadata/nec-odd-http"
	mkdir -p "$http_dir"
	: >"$tmp/http.log" # before the server opens it: read below at once
	python3 -u -m http.server --bind 127.0.0.1 --directory "$http_dir" 0 >>"$tmp/http.log" 2>&1 &
	http_pid=$!
	port=''
	for _ in $(seq 50); do
		port=$(sed -n 's/^Serving HTTP on 127.0.0.1 port \([0-9]*\).*/\1/p' "$tmp/http.log")
		[ -n "$port" ] && break
		sleep 0.1
	done
	[ -n "$port" ] || { cat "$tmp/http.log" >&2; echo "fwupd-daemon.sh: the HTTP server did not start" >&2; exit 125; }
	export NEC_ODD_HTTP_DIR=$http_dir NEC_ODD_HTTP_URL=http://127.0.0.1:$port NEC_ODD_HTTP_LOG=$tmp/http.log
	export no_proxy=127.0.0.1${no_proxy:+,$no_proxy} NO_PROXY=127.0.0.1${NO_PROXY:+,$NO_PROXY}
	for c in "${cabs[@]}"; do
		if gcab -t "$c" | grep -qx firmware.jcat; then
			cp "$c" "$http_dir/" # signed already (or on purpose not as it should be)
		else
			"$top/contrib/lvfs-sign.sh" cab "$http_pki" "$c" "$http_dir/$(basename "$c")"
		fi
	done
	(cd "$http_dir" && python3 "$top/contrib/make-metadata.py" --base-uri "$NEC_ODD_HTTP_URL" \
		-o firmware.xml.gz ./*.cab) >&2
	"$top/contrib/lvfs-sign.sh" metadata "$http_pki" "$http_dir/firmware.xml.gz"
	for d in fwupd fwupd-metadata; do
		rm -rf "$root/etc/pki/$d"
		mkdir -p "$root/etc/pki/$d"
		cp "$http_pki/ca.pem" "$root/etc/pki/$d/nec-odd-test-ca.pem"
	done
	cat >"$root/etc/fwupd/remotes.d/nec-odd-http.conf" <<EOF
[fwupd Remote]
# made by contrib/fwupd-daemon.sh --http-remote: signed metadata over HTTP
Enabled=true
Title=nec-odd signed test firmware
MetadataURI=$NEC_ODD_HTTP_URL/firmware.xml.gz
ApprovalRequired=false
EOF
elif [ "$remote" = 1 ]; then
	# a local remote installs the cabinets from the metadata's own directory
	rm -rf "$root/nec-odd-local"
	mkdir -p "$root/nec-odd-local"
	cp "${cabs[@]}" "$root/nec-odd-local/"
	(cd "$root/nec-odd-local" && python3 "$top/contrib/make-metadata.py" -o firmware.xml.gz ./*.cab) >&2
	sed "s|@METADATA@|$root/nec-odd-local/firmware.xml.gz|" "$top/data/remotes/nec-odd-local.conf.in" \
		>"$root/etc/fwupd/remotes.d/nec-odd-local.conf"
fi

# the daemon, as a child of nec-sim-run so that it sees the simulated /dev/sr0
# (--no-sim: on its own)
if [ "$clash" = 1 ]; then
	# before umockdev's preload, which nec-sim-run puts first
	"$sim_run" "${sim_args[@]}" -- sh -c 'LD_PRELOAD="$0 $LD_PRELOAD" exec "$@"' \
		"$clash_lib" "$fwupd" --verbose >"$log" 2>&1 &
elif [ "$use_sim" = 1 ]; then
	"$sim_run" "${sim_args[@]}" -- "$fwupd" --verbose >"$log" 2>&1 &
else
	LD_PRELOAD=$shim${LD_PRELOAD:+:$LD_PRELOAD} "$fwupd" --verbose >"$log" 2>&1 &
fi
daemon_pid=$!
owned() {
	gdbus call --system --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
		--method org.freedesktop.DBus.NameHasOwner org.freedesktop.fwupd 2>/dev/null |
		grep -q true
}
for _ in $(seq 300); do
	owned && break
	kill -0 "$daemon_pid" 2>/dev/null || break
	sleep 0.1
done
if ! owned; then
	echo "fwupd-daemon.sh: the daemon did not come up; the end of $log:" >&2
	tail -n 20 "$log" >&2
	exit 125
fi

rc=0
if [ "$use_sim" = 1 ]; then
	export NEC_ODD_SIM_PID=$daemon_pid
fi
"$@" || rc=$?
exit "$rc"
