#!/usr/bin/env bash
# Unpack the source of the installed fwupd into fwupd-src: the
# plugin headers and rustgen come from there. Only the exact installed
# version is accepted.
set -euo pipefail
cd "$(dirname "$0")/.."

ver=$(dpkg-query -W -f='${Version}' fwupd)
upstream=${ver%%-*}
dest=fwupd-src
if [ -f "$dest/.nec-odd-version" ] && [ "$(cat "$dest/.nec-odd-version")" = "$upstream" ]; then
	exit 0
fi
echo "setup: fetching fwupd $ver source"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get source -qq --download-only "fwupd=$ver" >/dev/null)
rm -rf "$dest"
mkdir -p "$dest"
tar -xf "$tmp"/fwupd_"$upstream".orig.tar.* -C "$dest" --strip-components=1
echo "$upstream" >"$dest/.nec-odd-version"
