#!/usr/bin/env bash
# Issue 11: the LVFS path with fwupd's trust checks. Debian's fwupd daemon
# (contrib/fwupd-daemon.sh --http-remote) with OnlyTrusted=true, a test CA in
# its private pki/fwupd and pki/fwupd-metadata only, and metadata and cabinets
# signed with jcat-tool (contrib/lvfs-sign.sh) served over HTTP from 127.0.0.1.
# Signed, they take the simulated drive from 1.04 to 3.07; changed after
# signing, or signed by a key the root does not trust, they are refused and
# the drive gets no stage/erase/program command.
. "$(dirname "$0")/lib.sh"
need_daemon
need_programs /usr/bin/jcat-tool /usr/bin/certtool
sign=$top/contrib/lvfs-sign.sh
export sign
factory_drive
# OnlyTrusted=true is fwupd's default; said here so that the test cannot pass without it
mkdir -p "$NEC_ODD_FWUPD_ROOT/etc/fwupd"
printf '[fwupd]\nIdleTimeout=0\nOnlyTrusted=true\n' >"$NEC_ODD_FWUPD_ROOT/etc/fwupd/fwupd.conf"
chmod 0640 "$NEC_ODD_FWUPD_ROOT/etc/fwupd/fwupd.conf"
"$sign" pki "$work/pki" "nec-odd test"     # trusted: its CA goes into the root's pki dirs
"$sign" pki "$work/rogue" "nec-odd rogue" # never trusted

# must_fail NAME PATTERN COMMAND…: COMMAND fails and says PATTERN (extended regexp)
must_fail() {
	local name=$1 pattern=$2
	shift 2
	echo "-- $name: $*"
	if "$@" >"$work/$name.out" 2>&1; then
		tr '\r' '\n' <"$work/$name.out" | grep -v '…'
		fail "$name: succeeded, expected a refusal"
	fi
	tr '\r' '\n' <"$work/$name.out" | grep -v '…' | sed 's/^/   | /'
	grep -Eq -- "$pattern" "$work/$name.out" || fail "$name: the message does not match /$pattern/"
	echo "   ok: refused with /$pattern/"
}
# offered: the versions get-updates offers for the drive, newest first, or "none"
offered() {
	fwupdmgr_ get-updates --json >"$work/updates.json" 2>"$work/updates.err" || true
	local rels
	rels=$(fwupd_json --lenient releases "$work/updates.json" | cut -d'|' -f1 | paste -sd' ')
	echo "${rels:-none}"
}
export -f must_fail offered

# lvfs NAME [fwupd-daemon.sh options] -- COMMAND…: one power cycle with the
# signed HTTP remote; the daemon log is $work/NAME.log, the trace $work/NAME.trace
lvfs() {
	local name=$1
	shift
	rm -f "$work/$name.trace"
	"$top/contrib/fwupd-daemon.sh" --http-remote "$work/pki" --log "$work/$name.log" \
		--state "$state" --trace "$work/$name.trace" "$@"
}
# unchanged NAME: the refused attempt sent no stage, erase or program command and left the flash as it was
unchanged() {
	[ -s "$work/$1.trace" ] || fail "$1: the drive got no command at all (trace empty)"
	if flash_writes "$work/$1.trace"; then
		fail "$1: a stage, erase or program command was sent"
	fi
	cmp -s "$state" "$work/state.factory" || fail "$1: the flash changed"
	echo "ok: $(wc -l <"$work/$1.trace") commands, no writes, flash unchanged (1.04)"
}

# --- metadata changed after signing: refresh fails, nothing is offered ---
metadata_cases() {
	set -euo pipefail
	cd "$NEC_ODD_HTTP_DIR"
	cp firmware.xml.gz "$work/good.xml.gz"
	cp firmware.xml.gz.jcat "$work/good.xml.gz.jcat"
	# what an attacker would change: the notes (or a location, a checksum, …)
	gzip -dc "$work/good.xml.gz" | sed 's/Adds media codes for newer DVD+R and/Adds nothing and/' |
		gzip -n >"$work/bad.xml.gz"
	! cmp -s "$work/good.xml.gz" "$work/bad.xml.gz" || fail "the metadata did not change"

	cp "$work/bad.xml.gz" firmware.xml.gz
	must_fail metadata-changed 'metadata checksum expected [0-9a-f]+ and got [0-9a-f]+' fwupdmgr_ refresh
	# the client checked the checksum; the daemon checks it too, and the signature
	must_fail metadata-changed-daemon 'checksum failure: failed to verify data, expected [0-9a-f]+ and got' \
		fwupdmgr_ refresh "$work/bad.xml.gz" "$work/good.xml.gz.jcat" nec-odd-http
	# the jcat's checksums made again for the changed file, its PKCS#7 signature kept
	mkdir "$work/exported"
	jcat-tool --prefix "$work/exported/" export "$work/good.xml.gz.jcat" >/dev/null
	rm -f firmware.xml.gz.jcat
	for kind in sha256 sha512; do
		jcat-tool --basename --kind "$kind" self-sign firmware.xml.gz.jcat firmware.xml.gz >/dev/null
	done
	jcat-tool --basename import firmware.xml.gz.jcat firmware.xml.gz "$work/exported/firmware.xml.gz.p7b" >/dev/null
	must_fail metadata-resigned-checksums 'signatures were required, but none supplied' fwupdmgr_ refresh
	# the changed metadata signed properly, by a key the root does not trust
	cp "$work/bad.xml.gz" firmware.xml.gz
	"$sign" metadata "$work/rogue" firmware.xml.gz
	must_fail metadata-rogue-key 'signatures were required, but none supplied' fwupdmgr_ refresh
	echo "-- after the refusals get-updates offers: $(offered)"
	[ "$(offered)" = none ] || fail "a release is offered from refused metadata"

	echo "-- control: the signed metadata as made is accepted"
	cp "$work/good.xml.gz" firmware.xml.gz
	cp "$work/good.xml.gz.jcat" firmware.xml.gz.jcat
	fwupdmgr_ refresh
	echo "-- get-updates offers: $(offered)"
	[ "$(offered)" = "3.07 3.04" ] || fail "the signed metadata does not offer 3.07 and 3.04"
}
export -f metadata_cases
check_metadata() {
	lvfs metadata -- bash -c metadata_cases || fail "the metadata checks failed"
	unchanged metadata
}
check "metadata changed after signing is refused" check_metadata

# --- cabinets changed after signing, or signed by an untrusted key ---
# the 3.07 image with one filler byte changed and its checksum word fixed: an
# image the plugin would flash, so only the trust checks can stop it
patch_image "$fw/ND-3520A-3.07.bin" "$work/evil.bin" flip=0x10000 fixsum
"$sign" cab "$work/pki" "$fw/ND-3520A-3.07.cab" "$work/signed.cab"
mkdir "$work/x"
gcab -x -C "$work/x" "$work/signed.cab"
cp "$work/evil.bin" "$work/x/firmware.bin"
# fwupdtool build-cabinet refuses to pack it (its metainfo checksum no longer
# matches): pack it as an attacker would, with gcab
if "$fwupdtool" build-cabinet "$work/refused.cab" "$work/x/firmware.bin" "$work/x/firmware.metainfo.xml" \
	"$work/x/firmware.jcat" >"$work/build-cabinet.out" 2>&1; then
	fail "fwupdtool build-cabinet packed a firmware.bin that does not match its metainfo"
fi
grep -q 'contents checksum invalid' "$work/build-cabinet.out" || fail "build-cabinet refused for another reason"
mkdir "$work/payload-changed" "$work/both-changed" "$work/rogue-signed"
(cd "$work/x" && gcab -c -n "$work/payload-changed/ND-3520A-3.07.cab" firmware.bin firmware.metainfo.xml firmware.jcat)
sed -i "s/$(sha256sum <"$fw/ND-3520A-3.07.bin" | cut -d' ' -f1)/$(sha256sum <"$work/evil.bin" | cut -d' ' -f1)/" \
	"$work/x/firmware.metainfo.xml"
(cd "$work/x" && gcab -c -n "$work/both-changed/ND-3520A-3.07.cab" firmware.bin firmware.metainfo.xml firmware.jcat)
"$sign" cab "$work/rogue" "$fw/ND-3520A-3.07.cab" "$work/rogue-signed/ND-3520A-3.07.cab"

# refused_update NAME PATTERN: update -y from a remote serving $work/NAME/*.cab
refused_update() {
	set -euo pipefail
	echo "-- refresh, get-updates offers: $(fwupdmgr_ refresh >/dev/null && offered)"
	must_fail "$1" "$2" fwupdmgr_ update -y --no-reboot-check
	daemon_lists '^ND-3520A|1.04|'
}
export -f refused_update
check_cab() {
	lvfs "$1" --cab "$work/$1/ND-3520A-3.07.cab" -- bash -c "refused_update $1 '$2'" ||
		fail "$1: the refusal checks failed"
	unchanged "$1"
}
check "a cabinet whose firmware.bin changed after signing is refused" \
	check_cab payload-changed 'contents checksum invalid, expected [0-9a-f]+, got [0-9a-f]+'
check "a cabinet whose firmware.bin and metainfo changed after signing is refused" \
	check_cab both-changed 'firmware signature missing or not trusted; set OnlyTrusted=false'
check "a cabinet signed by an untrusted key is refused" \
	check_cab rogue-signed 'firmware signature missing or not trusted; set OnlyTrusted=false'

# what fwupd shows for a cabinet: the release flags its firmware.jcat earns
details() {
	set -euo pipefail
	local c flags
	for c in signed rogue-signed/ND-3520A-3.07; do
		fwupdmgr_ get-details "$work/$c.cab" --json >"$work/details.json"
		flags=$(fwupd_json --all releases "$work/details.json" | cut -d'|' -f2 | tr ',' '\n' |
			{ grep '^trusted' || true; } | sort -u | paste -sd' ')
		echo "$c.cab: ${flags:-not trusted}"
	done | tee "$work/details"
	grep -qx 'signed.cab: trusted-metadata trusted-payload' "$work/details" ||
		fail "the properly signed cabinet is not shown trusted"
	grep -qx 'rogue-signed/ND-3520A-3.07.cab: not trusted' "$work/details" ||
		fail "the cabinet signed by an untrusted key is shown trusted"
}
export -f details
check_details() {
	lvfs details --no-remote -- bash -c details || fail "the get-details checks failed"
}
check "get-details shows the trust a cabinet's signature earns" check_details

# --- the signed path itself: 1.04 -> 3.07 over HTTP ---
update() {
	set -euo pipefail
	fwupdmgr_ refresh
	echo "-- get-updates offers: $(offered)"
	[ "$(offered)" = "3.07 3.04" ] || fail "3.07 and 3.04 are not offered"
	fwupdmgr_ update -y --no-reboot-check
	daemon_lists '^ND-3520A|3.07|'
	cp "$NEC_ODD_HTTP_LOG" "$work/http.log"
}
export -f update
check_update() {
	lvfs update -- bash -c update || fail "the update failed"
	sed 's/^/   | /' "$work/http.log"
	for f in firmware.xml.gz.jcat firmware.xml.gz ND-3520A-3.07.cab; do
		grep -q "\"GET /$f HTTP/1.1\" 200" "$work/http.log" || fail "$f was not downloaded over HTTP"
	done
	grep -E 'verified (metadata|payload)' "$work/update.log" | sed 's/^/   | /'
	grep -q 'verified payload firmware.bin' "$work/update.log" || fail "the daemon did not verify the payload"
	expect_flashed "$fw/ND-3520A-3.07.bin" 3.07
	echo "ok: flash holds 3.07, blocks 0 and 1 unchanged, the power-cycled drive reports 3.07"
}
check "signed metadata and cabinet over HTTP update 1.04 -> 3.07 with OnlyTrusted=true" check_update
finish
