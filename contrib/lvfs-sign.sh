#!/usr/bin/env bash
# Sign metadata and cabinets as the LVFS does, with a test PKI made here:
#   ./contrib/lvfs-sign.sh pki DIR [NAME]
#       a CA (DIR/ca.pem) and a signing certificate it issued (DIR/signer.pem,
#       key DIR/signer.key), made with certtool; NAME goes into the subjects.
#       The private keys live only in DIR: never commit them.
#   ./contrib/lvfs-sign.sh cab DIR IN.cab OUT.cab
#       OUT.cab: IN.cab's firmware.bin and firmware.metainfo.xml plus a
#       firmware.jcat that signs both (SHA-256, SHA-512 and a PKCS#7 signature
#       by DIR's signer), packed with `fwupdtool build-cabinet`
#   ./contrib/lvfs-sign.sh metadata DIR FILE
#       FILE.jcat next to FILE (e.g. firmware.xml.gz), signed the same way
# fwupd trusts a signature when DIR/ca.pem is in its pki/fwupd (cabinets) or
# pki/fwupd-metadata (metadata) directory.
# Needs: certtool (gnutls-bin), jcat-tool (jcat), gcab, a built module for
# contrib/fwupdtool.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

# jcat_sign DIR JCAT FILE: an item named after FILE's basename with the checksums
# the LVFS adds and a PKCS#7 signature
jcat_sign() {
	local jcat
	for kind in sha256 sha512; do
		jcat-tool --basename --kind "$kind" self-sign "$2" "$3" >/dev/null
	done
	jcat-tool --basename sign "$2" "$3" "$1/signer.pem" "$1/signer.key" >/dev/null
	jcat=$(jcat-tool info "$2")
	grep -q 'Kind:.*pkcs7' <<<"$jcat" || { echo "lvfs-sign.sh: no PKCS#7 blob in $2" >&2; exit 1; }
}

[ $# -ge 2 ] || usage
cmd=$1 dir=$2
shift 2
case $cmd in
pki)
	[ $# -le 1 ] || usage
	name=${1:-nec-odd test}
	mkdir -p "$dir"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cat >"$tmp/ca.tmpl" <<EOF
cn = "$name CA"
organization = "nec-odd tests"
serial = 1
expiration_days = 3650
ca
cert_signing_key
EOF
	cat >"$tmp/signer.tmpl" <<EOF
cn = "$name signer"
organization = "nec-odd tests"
serial = 2
expiration_days = 3650
signing_key
code_signing_key
EOF
	certtool --generate-privkey --key-type rsa --bits 2048 --outfile "$dir/ca.key" 2>/dev/null
	certtool --generate-self-signed --load-privkey "$dir/ca.key" --template "$tmp/ca.tmpl" \
		--outfile "$dir/ca.pem" 2>/dev/null
	certtool --generate-privkey --key-type rsa --bits 2048 --outfile "$dir/signer.key" 2>/dev/null
	certtool --generate-certificate --load-privkey "$dir/signer.key" --load-ca-certificate "$dir/ca.pem" \
		--load-ca-privkey "$dir/ca.key" --template "$tmp/signer.tmpl" --outfile "$dir/signer.pem" 2>/dev/null
	chmod 0600 "$dir/ca.key" "$dir/signer.key"
	echo "lvfs-sign.sh: $dir: CA \"$name CA\", signer \"$name signer\""
	;;
cab)
	[ $# -eq 2 ] || usage
	in=$(realpath "$1") out=$(realpath -m "$2")
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	mkdir "$tmp/x"
	gcab -x -C "$tmp/x" "$in"
	for f in firmware.bin firmware.metainfo.xml; do
		[ -f "$tmp/x/$f" ] || { echo "lvfs-sign.sh: $in has no $f" >&2; exit 1; }
		jcat_sign "$dir" "$tmp/x/firmware.jcat" "$tmp/x/$f"
	done
	NEC_ODD_FWUPD_ROOT=$tmp/root "$top/contrib/fwupdtool.sh" build-cabinet --force "$tmp/out.cab" \
		"$tmp/x/firmware.bin" "$tmp/x/firmware.metainfo.xml" "$tmp/x/firmware.jcat" >"$tmp/log" 2>&1 ||
		{ cat "$tmp/log" >&2; exit 1; }
	mv "$tmp/out.cab" "$out"
	;;
metadata)
	[ $# -eq 1 ] || usage
	rm -f "$1.jcat"
	jcat_sign "$dir" "$1.jcat" "$1"
	;;
*) usage ;;
esac
