#!/usr/bin/env bash
# Issue 5: fwupd's own device emulation, the way fwupd's CI checks plugins.
# `fwupdmgr device-emulate` replays the recording in
# data/device-tests/nec-odd-nd3520a.zip (contrib/record-emulation.sh) through
# the manifest data/device-tests/nec-odd-nd3520a.json (built with absolute
# paths into BUILDDIR/data/device-tests/): the drive enumerates at 1.04, the
# 3.04 cabinet is installed, the drive comes back at 3.04. No simulator and no
# umockdev: Debian's daemon with this module on a private bus
# (contrib/fwupd-daemon.sh --no-sim) and the local remote serving the 3.04
# cabinet, so that the daemon trusts it. Then the same replay must fail with
# one read-back byte changed in the recording, and with a truncated recording.
. "$(dirname "$0")/lib.sh"
need_programs /usr/libexec/fwupd/fwupd /usr/bin/fwupdmgr /usr/bin/dbus-daemon /usr/bin/gcab
command -v cc >/dev/null || { echo "SKIP: needs cc for contrib/fwupd-netlink-shim.c"; exit 77; }
manifest=$builddir/data/device-tests/nec-odd-nd3520a.json
recording=$top/data/device-tests/nec-odd-nd3520a.zip
cab=$builddir/tests/firmware/ND-3520A-3.04.cab
for f in "$manifest" "$recording" "$cab"; do
	[ -f "$f" ] || fail "$f is missing: build first"
done
grep -qF "\"$recording\"" "$manifest" || fail "$manifest does not use $recording: reconfigure the build"
echo "recording: $(stat -c %s "$recording") bytes"

# emulate NAME MANIFEST: one daemon run without the simulator, fresh root;
# fwupdmgr's output in $work/NAME.out, the daemon's log in $work/NAME.log
emulate() {
	local name=$1 m=$2 rc=0
	NEC_ODD_FWUPD_ROOT=$work/root-$name "$top/contrib/fwupd-daemon.sh" --no-sim --cab "$cab" \
		--log "$work/$name.log" -- bash -c '
			set -e
			# no drive but the recorded one: without the simulator there is none
			fwupdmgr get-devices --json >"$2/$3.devices.json" 2>/dev/null || true
			if [ -n "$(fwupd_json devices "$2/$3.devices.json" 2>/dev/null)" ]; then
				echo "FAIL: the daemon sees a real nec_odd drive"
				exit 1
			fi
			fwupdmgr refresh >/dev/null
			fwupdmgr --no-unreported-check --no-metadata-check device-emulate "$1"' _ "$m" "$work" "$name" \
		>"$work/$name.out" 2>&1 || rc=$?
	tr '\r' '\n' <"$work/$name.out" | grep -v -e '…' -e 'UEFI ESP' -e 'PluginFlag:esp' | sed 's/^/   | /'
	[ "$rc" -lt 125 ] || fail "$name: the daemon did not run (exit status $rc; see $work/$name.log)"
	if grep -q 'bind to udev socket failed' "$work/$name.log"; then
		fail "$name: the daemon's udev backend lost the netlink socket, no device can be emulated"
	fi
	if grep -q 'FAIL: the daemon sees a real' "$work/$name.out"; then
		fail "$name: a drive other than the emulated one is present"
	fi
	return "$rc"
}

echo "== device-emulate replays 1.04, the install, 3.04"
emulate good "$manifest" || fail "device-emulate failed on the shipped recording"
[ "$(grep -c 'OK!' "$work/good.out")" = 2 ] || fail "expected two OK! steps (1.04, then 3.04)"
for phase in setup prepare detach install attach reload; do
	grep -q "emulator loading $phase.json\|emulation for phase $phase " "$work/good.log" ||
		fail "the daemon did not load the $phase phase"
done
grep -q 'update -> FuNecOddDevice' "$work/good.log" || fail "the daemon did not write the emulated drive"

# corrupt IN OUT: a copy of the recording with one byte changed in the last
# 8 KiB read of the install phase, the end of the read-back of the 3.04 body
corrupt() {
	"$py" - "$1" "$2" <<'PY'
import base64, json, sys, zipfile
src, dst = sys.argv[1:]
with zipfile.ZipFile(src) as z:
    members = {n: z.read(n) for n in z.namelist()}
install = json.loads(members["install.json"])
events = install["UsbDevices"][0]["Events"]
ev = [e for e in events if len(e.get("DataOut", "")) > 1000][-1]
data = bytearray(base64.b64decode(ev["DataOut"]))
data[len(data) // 2] ^= 0x01
ev["DataOut"] = base64.b64encode(bytes(data)).decode()
members["install.json"] = json.dumps(install).encode()
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in members.items():
        z.writestr(n, b)
print(f"changed byte {len(data) // 2} of a {len(data)}-byte read")
PY
}

echo "== one byte of the replayed read-back changed: the install must fail its verification"
corrupt "$recording" "$work/corrupt.zip"
sed "s|\"$recording\"|\"$work/corrupt.zip\"|" "$manifest" >"$work/corrupt.json"
if emulate corrupt "$work/corrupt.json"; then
	fail "device-emulate passed with a changed read-back"
fi
grep -q 'flash contents differ from the image' "$work/corrupt.out" ||
	fail "device-emulate failed for another reason than the read-back"

echo "== a truncated recording: device-emulate must fail"
head -c $(($(stat -c %s "$recording") / 2)) "$recording" >"$work/truncated.zip"
sed "s|\"$recording\"|\"$work/truncated.zip\"|" "$manifest" >"$work/truncated.json"
if emulate truncated "$work/truncated.json"; then
	fail "device-emulate passed with a truncated recording"
fi
echo "PASS"
