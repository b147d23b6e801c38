#!/usr/bin/env bash
# Check a package made by contrib/build-deb.sh (CI runs it from contrib/test.sh):
# its file list, its fwupd dependency, its maintainer scripts, the drop-in
# through systemd-analyze, and that its stripped module, loaded by Debian's
# fwupdtool from the unpacked package, finds the simulated drive.
#   ./contrib/check-deb.sh FILE.deb
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${NEC_ODD_BUILDDIR:-$top/build}
deb=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "check-deb: FAIL: $*" >&2
	exit 1
}
fwupd_upstream=$(dpkg-query -W -f='${Version}' fwupd | sed -e 's/^[0-9]*://' -e 's/-[^-]*$//')
plugindir=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/fwupd-$fwupd_upstream

echo "== files: the module, the quirk file, the drop-in, the documentation"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\./, "", $NF); print $NF }' | sort >"$tmp/files"
cat "$tmp/files"
sort >"$tmp/want" <<EOF2
/lib/systemd/system/fwupd.service.d/nec-odd.conf
$plugindir/libfu_plugin_nec_odd.so
/usr/share/doc/fwupd-plugin-nec-odd/README.md.gz
/usr/share/doc/fwupd-plugin-nec-odd/changelog.gz
/usr/share/doc/fwupd-plugin-nec-odd/copyright
/usr/share/fwupd/quirks.d/nec-odd.quirk
EOF2
diff -u "$tmp/want" "$tmp/files" || fail "unexpected file list"

echo "== depends on fwupd $fwupd_upstream, any Debian revision"
depends=$(dpkg-deb -f "$deb" Depends)
echo "$depends"
# admits: every Debian revision of the upstream version; refuses: any other upstream version
satisfies() {
	local v=$1 rel
	for rel in $(echo "$depends" | tr ',' '\n' | sed -n 's/^ *fwupd (\(.*\) \(.*\))$/\1:\2/p'); do
		dpkg --compare-versions "$v" "${rel%%:*}" "${rel#*:}" || return 1
	done
}
[ "$(echo "$depends" | grep -o 'fwupd (' | wc -l)" -eq 2 ] || fail "expected a lower and an upper bound on fwupd"
for v in "$fwupd_upstream-1" "$fwupd_upstream-1~deb12u2" "$fwupd_upstream-1~deb12u9" "$fwupd_upstream-2" \
	"$(dpkg-query -W -f='${Version}' fwupd)"; do
	satisfies "$v" || fail "fwupd $v does not satisfy $depends"
	echo "admits fwupd $v"
done
for v in "$fwupd_upstream.1-1" "${fwupd_upstream%.*}.$((${fwupd_upstream##*.} + 1))-1" \
	"${fwupd_upstream%.*}.$((${fwupd_upstream##*.} - 1))-1"; do
	if satisfies "$v"; then fail "fwupd $v satisfies $depends"; fi
	echo "refuses fwupd $v"
done

echo "== maintainer scripts reload systemd and restart a running fwupd"
mkdir "$tmp/control"
dpkg-deb -e "$deb" "$tmp/control"
for s in postinst postrm; do
	grep -q 'systemctl --system daemon-reload' "$tmp/control/$s" || fail "$s does not reload systemd"
	grep -q 'deb-systemd-invoke try-restart fwupd.service' "$tmp/control/$s" || fail "$s does not restart fwupd"
	sh -n "$tmp/control/$s" || fail "$s is not valid sh"
done

echo "== systemd-analyze verify: fwupd.service with the drop-in"
dpkg-deb -x "$deb" "$tmp/root"
mkdir -p "$tmp/units/fwupd.service.d"
cp /lib/systemd/system/fwupd.service "$tmp/units/"
cp "$tmp/root/lib/systemd/system/fwupd.service.d/nec-odd.conf" "$tmp/units/fwupd.service.d/"
verify() { SYSTEMD_UNIT_PATH=$tmp/units: systemd-analyze verify "$tmp/units/fwupd.service" 2>&1; }
out=$(verify) || fail "systemd-analyze verify failed: $out"
[ -z "$out" ] || fail "systemd-analyze verify: $out"
# the same check sees a broken drop-in
printf '[Service]\nDeviceAllow=block-sr rwz\n' >"$tmp/units/fwupd.service.d/zz-broken.conf"
out=$(verify || true)
echo "$out" | grep -q 'zz-broken.conf' || fail "systemd-analyze did not read the drop-in directory"
echo "ok (and a broken copy is reported: ${out%%$'\n'*})"

echo "== the packaged module and quirk file, loaded by fwupdtool, find the simulated drive"
readelf -d "$tmp/root$plugindir/libfu_plugin_nec_odd.so" | grep -q 'R.*PATH' && fail "the module has a RUNPATH"
if [ ! -x "$builddir/tests/runner/nec-sim-run" ] || [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs root and $builddir/tests/runner/nec-sim-run"
	echo "PASS (module load skipped)"
	exit 0
fi
r=$tmp/fwupd-root
mkdir -p "$r/etc/fwupd" "$r/var/lib/fwupd/quirks.d" "$r/var/cache/fwupd" "$r/run/lock"
printf '[fwupd]\nIdleTimeout=0\n' >"$r/etc/fwupd/fwupd.conf"
chmod 0640 "$r/etc/fwupd/fwupd.conf"
cp "$tmp/root/usr/share/fwupd/quirks.d/nec-odd.quirk" "$r/var/lib/fwupd/quirks.d/"
FWUPD_LIBDIR_PKG="$plugindir,$tmp/root$plugindir" FWUPD_SYSCONFDIR=$r/etc FWUPD_LOCALSTATEDIR=$r/var \
	FWUPD_LOCKDIR=$r/run/lock FWUPD_RUNDIR=$r/run CACHE_DIRECTORY=$r/var/cache/fwupd \
	STATE_DIRECTORY=$r/var/lib/fwupd CONFIGURATION_DIRECTORY=$r/etc/fwupd \
	"$builddir/tests/runner/nec-sim-run" -- /usr/bin/fwupdtool get-devices --plugins nec_odd --json \
	>"$tmp/devices.json" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "fwupdtool get-devices failed"; }
python3 - "$tmp/devices.json" <<'PY' || fail "the packaged module did not list the ND-3520A"
import json, sys
devs = [d for d in json.load(open(sys.argv[1])).get("Devices", []) if d.get("Plugin") == "nec_odd"]
print([(d["Name"], d["Version"]) for d in devs])
assert [(d["Name"], d["Version"]) for d in devs] == [("ND-3520A", "1.04")]
PY
echo "PASS"
