#!/usr/bin/env bash
# Build an LVFS-style cabinet (firmware.bin + firmware.metainfo.xml) for a NEC .BIN image:
#   ./contrib/build-cab.sh FILE.bin -o FILE.cab
# Hardware ID, product and version come from `fwupdtool firmware-parse` (nec-odd
# parser), the model from the quirk files that fwupdtool read (the NecOddModel of
# the hardware ID's drive type with the image's product, else of the hardware ID's
# own [NEC_ODD\HWID_<hardware ID>]); the GUID is the plugin's SCSI\VEN_NEC&DEV_<product>;
# the release date and notes come from the table below, and the rest from
# data/metainfo/nec-odd.metainfo.xml.in.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
template=$top/data/metainfo/nec-odd.metainfo.xml.in

usage() { echo "usage: $0 FILE.bin -o FILE.cab" >&2; exit 2; }
bin='' cab=''
while [ $# -gt 0 ]; do
	case $1 in
	-o) [ $# -ge 2 ] || usage; cab=$2; shift 2 ;;
	-*) usage ;;
	*) [ -z "$bin" ] || usage; bin=$1; shift ;;
	esac
done
if [ -z "$bin" ] || [ -z "$cab" ]; then usage; fi

# model version date notes -- invented placeholders, not NEC's release history
releases='
ND-3520A 1.04 2004-04-16 First production firmware.
ND-3520A 3.04 2004-11-26 Adds media codes for newer 8x DVD+R DL and 16x DVD-R discs.
ND-3520A 3.07 2005-04-08 Adds media codes for newer DVD+R and DVD-RW discs and improves writing quality on some 16x media.
ND-3540A 1.01 2005-02-25 First production firmware.
ND-3540A 2.16 2005-09-30 Adds media codes for newer DVD+R DL discs and improves reading of scratched CDs.
ND-1300A 1.00 2003-06-02 First production firmware.
ND-1300A 1.08 2004-03-15 Adds media codes for newer 4x DVD+R and DVD-R discs.
ND-6450A 1.00 2004-02-09 First production firmware.
ND-6450A 1.03 2004-10-18 Adds media codes for newer DVD+R and DVD-R discs.
ND-3550A 1.00 2005-05-23 First production firmware.
ND-3550A 1.05 2006-01-30 Adds media codes for newer 16x DVD+R and DVD-R discs and improves DVD+R DL writing.
ND-4570A 1.00 2005-10-03 First production firmware.
ND-4570A 1.07 2006-06-26 Adds media codes for newer DVD-RAM and 16x DVD+R discs.
'
default_date=2006-01-01 # for versions not in the table

log() { grep -v '…: ' "$1" >&2 || true; } # fwupdtool's messages without progress lines
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "build-cab.sh: fwupdtool firmware-parse $bin nec-odd"
"$top/contrib/fwupdtool.sh" firmware-parse "$bin" nec-odd >"$tmp/parse.xml" 2>"$tmp/parse.log" ||
	{ log "$tmp/parse.log"; echo "build-cab.sh: $bin is not a NEC image fwupd accepts" >&2; exit 1; }
cp "$bin" "$tmp/firmware.bin"

echo "build-cab.sh: writing firmware.metainfo.xml from ${template#"$top"/}"
# contrib/fwupdtool.sh's private root, where it put the plugin's quirk file
quirks=${NEC_ODD_FWUPD_ROOT:-${NEC_ODD_BUILDDIR:-$top/build}/fwupd-root}/var/lib/fwupd/quirks.d
QUIRKS_DIR=$quirks RELEASES=$releases DEFAULT_DATE=$default_date python3 - "$tmp/parse.xml" "$template" \
	"$tmp/firmware.bin" "$tmp/firmware.metainfo.xml" <<'PY'
import configparser, glob, hashlib, os, re, sys, uuid
from xml.sax.saxutils import escape, unescape

parse, template, firmware, metainfo = sys.argv[1:]
# not an XML parser: <data> holds raw control characters; '<' in text is always escaped
fw = open(parse, encoding="utf-8", errors="replace").read()
hardware_id, product, version = (
    unescape(m.group(1)) if (m := re.search(f"<{k}>([^<]*)</{k}>", fw)) else None
    for k in ("hardware_id", "product", "version"))
if not (hardware_id and product and version):
    sys.exit("build-cab.sh: firmware-parse gave no hardware ID, product or version")

# what fwupd's quirk database would give the plugin for this hardware ID
quirks = configparser.ConfigParser(interpolation=None, strict=False)
quirks.optionxform = str
quirks.read(sorted(glob.glob(os.path.join(os.environ["QUIRKS_DIR"], "*.quirk"))))
section = f"NEC_ODD\\HWID_{hardware_id}"
if not quirks.has_option(section, "NecOddModel"):
    sys.exit(f"build-cab.sh: no NecOddModel for hardware ID {hardware_id} in {os.environ['QUIRKS_DIR']}")
# a trailer may name the drive type by its canonical key, which is also one
# model's own ID (K110: ND-1100A, the key of ND-1300A too): the model of that
# type whose product the image reports, else (an OEM rebrand) the ID's model
key = quirks.get(section, "NecOddSafeModeKey", fallback=None)
models = [quirks.get(s, "NecOddModel") for s in quirks.sections()
          if quirks.has_option(s, "NecOddModel") and quirks.get(s, "NecOddSafeModeKey", fallback=None) == key
          and quirks.get(s, "NecOddProduct", fallback=None) == product.rstrip()]
model = models[0] if models else quirks.get(section, "NecOddModel")

def strsafe(s):
    # fu_device_add_instance_strsafe(): runs of ' _&/\-(),' and non-printables become
    # one '-', none at either end
    return "-".join(p for p in re.split(r"[ _&/\\\-(),]|[^\x20-\x7e]", s) if p)

instance_id = "SCSI\\VEN_NEC&DEV_" + strsafe(product)
# fwupd_guid_hash_string(): SHA-1 UUID in the DNS namespace
guid = str(uuid.uuid5(uuid.NAMESPACE_DNS, instance_id))
print(f"build-cab.sh: {model} {version}, {instance_id} -> {guid}")

date, notes = os.environ["DEFAULT_DATE"], f"Firmware version {version} for the NEC {model}."
for line in os.environ["RELEASES"].strip().splitlines():
    m, v, d, n = line.split(" ", 3)
    if (m, v) == (model, version):
        date, notes = d, n
        break
else:
    print(f"build-cab.sh: no release table entry for {model} {version}, using date {date}")

values = {
    "MODEL": model, "INSTANCE_ID": instance_id, "GUID": guid, "VERSION": version,
    "DATE": date, "NOTES": notes, "FILENAME": os.path.basename(firmware),
    "SHA256": hashlib.sha256(open(firmware, "rb").read()).hexdigest(),
}
text = open(template).read()
for k, v in values.items():
    text = text.replace(f"@{k}@", escape(v))
open(metainfo, "w").write(text)
PY

echo "build-cab.sh: fwupdtool build-cabinet $cab"
"$top/contrib/fwupdtool.sh" build-cabinet "$tmp/out.cab" \
	"$tmp/firmware.bin" "$tmp/firmware.metainfo.xml" >"$tmp/build.log" 2>&1 ||
	{ log "$tmp/build.log"; exit 1; }
mv "$tmp/out.cab" "$cab"
echo "build-cab.sh: wrote $cab"
