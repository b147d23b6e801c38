#!/usr/bin/env bash
# Build the Debian package fwupd-plugin-nec-odd_VERSION_ARCH.deb with Debian's
# own tools (dpkg-buildpackage, debhelper; the packaging is contrib/debian/),
# then run lintian on it and list its files.
#   ./contrib/build-deb.sh [OUTDIR]     (default: the top directory)
# It ships the module, the quirk file and the systemd drop-in, built for the
# installed fwupd and depending on that upstream version (any Debian revision).
# Install it as root: apt install ./fwupd-plugin-nec-odd_*.deb
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$top}")
cd "$top"

version=$(sed -n "s/^  version: '\(.*\)',$/\1/p" meson.build)
deb_version=$(dpkg-parsechangelog -l contrib/debian/changelog -S Version)
if [ "$deb_version" != "$version" ]; then
	echo "build-deb.sh: contrib/debian/changelog is at $deb_version, meson.build at $version" >&2
	exit 1
fi
[ -f fwupd-src/.nec-odd-version ] || ./contrib/setup.sh

# the source tree as dpkg-buildpackage wants it: debian/ at the top
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
src=$stage/fwupd-plugin-nec-odd-$version
mkdir "$src"
cp -a meson.build meson_options.txt README.md fwupd plugins data "$src/"
ln -s "$top/fwupd-src" "$src/fwupd-src" # headers only, never shipped
cp -a contrib/debian "$src/debian"

echo "build-deb.sh: dpkg-buildpackage"
(cd "$src" && dpkg-buildpackage -b -us -uc) >"$stage/build.log" 2>&1 || {
	tail -n 40 "$stage/build.log" >&2
	echo "build-deb.sh: dpkg-buildpackage failed" >&2
	exit 1
}
mkdir -p "$out"
deb=$(cd "$stage" && ls fwupd-plugin-nec-odd_"$version"_*.deb)
mv "$stage/$deb" "$out/"
echo "build-deb.sh: $out/$deb"
dpkg-deb -f "$out/$deb" Package Version Architecture Depends
dpkg-deb -c "$out/$deb" | awk '$1 !~ /^d/ { print $NF }'
# no error and no warning; the two informational tags name the drop-in
# (package-supports-alternative-init-but-no-init.d-script): it changes only
# fwupd's own systemd unit, and fwupd ships no init.d script either
echo "build-deb.sh: lintian"
lintian --fail-on error,warning --display-info "$out/$deb"
