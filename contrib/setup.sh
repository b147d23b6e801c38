#!/usr/bin/env bash
# Install every Debian package the build, tests and demo need, and fetch the
# fwupd source matching the installed fwupd (for its plugin headers).
# Idempotent: re-running it changes nothing once everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
	fwupd libfwupd-dev libfwupd3 dpkg-dev
	meson ninja-build pkg-config gcc clang lld llvm
	libglib2.0-dev libglib2.0-bin libjson-glib-dev libxmlb-dev libzstd-dev
	libgusb-dev libcbor-dev libarchive-dev libcurl4-gnutls-dev libusb-1.0-0-dev
	umockdev libumockdev-dev libumockdev0
	python3 python3-jinja2 python3-dbusmock clang-format gcab systemd
	dbus xvfb x11-apps x11-utils imagemagick valgrind gnome-firmware
	libclang-rt-14-dev time git
	gnutls-bin jcat gnome-software python3-pyatspi
	debhelper lintian chrpath
)

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# apt_progress: apt-get install's output as one line per phase and every 50
# packages, instead of a minute of silence or a thousand lines
apt_progress() {
	awk '
	/newly installed/ { total = $3; print "setup: " total " packages to install (with their dependencies)" }
	/^Get:/ { got++; if (got == 1) print "setup: downloading"; else if (got % 50 == 0) print "setup: downloaded " got "/" total }
	/^Unpacking / { un++; if (un == 1) print "setup: unpacking"; else if (un % 50 == 0) print "setup: unpacked " un "/" total }
	/^Setting up / { conf++; if (conf == 1) print "setup: configuring"; else if (conf % 50 == 0) print "setup: configured " conf "/" total }
	/^(E|W): / { print }
	END { if (conf > 0) print "setup: apt-get install done" }
	{ fflush() }'
}
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: missing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	echo "setup: apt-get update"
	apt-get update -qq
	if ! apt-get install -y --no-install-recommends "${missing[@]}" 2>&1 | apt_progress; then
		echo "setup: apt-get install failed" >&2
		exit 1
	fi
fi

# deb-src entries derived from the machine's own apt sources, never a typed mirror
if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	echo "setup: enabling deb-src from the existing apt sources"
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		sed 's/^Types: deb$/Types: deb-src/' "$f" >"/etc/apt/sources.list.d/nec-odd-src-$(basename "$f")"
	done
	if [ -s /etc/apt/sources.list ]; then
		sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >/etc/apt/sources.list.d/nec-odd-src.list
	fi
	apt-get update -qq
fi

./contrib/fetch-fwupd-source.sh
