#!/usr/bin/env bash
# meson install into a DESTDIR puts the module in fwupd's versioned plugin
# directory, the quirk file in fwupd's quirks directory and the systemd
# drop-in beside fwupd.service, the module exporting only fu_plugin_init_vfuncs;
# uninstalling removes them again.
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

# fwupd looks up one symbol; the module built from the plugin's static library exports no other
exports=$(nm -D --defined-only "$(find "$dest" -name libfu_plugin_nec_odd.so)" | awk '{print $3}')
[ "$exports" = "fu_plugin_init_vfuncs" ] || { echo "FAIL: the module exports: $exports" >&2; exit 1; }

# meson's install log names the DESTDIR paths, so uninstall removes exactly these
ninja -C "$builddir" uninstall >/dev/null
left=$(cd "$dest" && find . -type f | wc -l)
[ "$left" -eq 0 ] || { echo "FAIL: $left files left after uninstall" >&2; exit 1; }
echo "PASS"
