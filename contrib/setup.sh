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
	libclang-rt-14-dev time
	gnutls-bin jcat gnome-software python3-pyatspi
)

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
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
