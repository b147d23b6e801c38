#!/usr/bin/env bash
# meson install into a DESTDIR puts the module in fwupd's versioned plugin
# directory, the quirk file in fwupd's quirks directory and the systemd
# drop-in beside fwupd.service; uninstalling removes them again.
set -euo pipefail
builddir=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$builddir" --destdir "$dest" --no-rebuild --quiet
(cd "$dest" && find . -type f | sort) | tee "$dest.list"
for want in \
	"/fwupd-$FWUPD_VERSION/libfu_plugin_nec_odd.so" \
	"/share/fwupd/quirks.d/nec-odd.quirk" \
	"/systemd/system/fwupd.service.d/nec-odd.conf"; do
	grep -q -- "$want\$" "$dest.list" || { echo "FAIL: $want not installed" >&2; exit 1; }
done
[ "$(wc -l <"$dest.list")" -eq 3 ] || { echo "FAIL: unexpected files installed" >&2; exit 1; }
rm -f "$dest.list"

# meson's install log names the DESTDIR paths, so uninstall removes exactly these
ninja -C "$builddir" uninstall >/dev/null
left=$(cd "$dest" && find . -type f | wc -l)
[ "$left" -eq 0 ] || { echo "FAIL: $left files left after uninstall" >&2; exit 1; }
echo "PASS"
