#!/usr/bin/env python3
"""Make LVFS-style metadata (firmware.xml.gz) from fwupd cabinets.

    contrib/make-metadata.py -o firmware.xml.gz [--base-uri URI] FILE.cab...

Each cabinet's firmware.metainfo.xml component goes into one
<components origin="lvfs"> document, as the LVFS serves it: the releases of
cabinets with the same component <id> are merged into one component (newest
first), and every release gains the cabinet's <location>, its container
checksums (SHA-1 and SHA-256) and its download and installed sizes. The
metainfo's own content checksums stay, so `fwupdmgr verify` can compare a
device's read-back image with them. The location is the cabinet's file name, relative to the metadata, as a
local remote (MetadataURI=file:///DIR/firmware.xml.gz) needs: fwupdmgr 2.0.20
installs DIR/<location> for such a remote, and takes any URL, file:// too, for
a download (a file:// location fails with "network is unreachable"). So the
cabinets must sit next to firmware.xml.gz. With --base-uri URI the location
is URI/<cabinet name>, for metadata served over https.
Needs gcab (Debian package gcab) to unpack the cabinets.
"""
import argparse
import copy
import datetime
import gzip
import hashlib
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def version_key(version):
    parts = []
    for p in version.replace("-", ".").split("."):
        parts.append((0, int(p), "") if p.isdigit() else (1, 0, p))
    return parts


def read_cab(path):
    """The cabinet's metainfo component and the installed payload sizes."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["gcab", "-x", "-C", tmp, path], check=True)
        metainfos = [f for f in os.listdir(tmp) if f.endswith(".metainfo.xml")]
        if len(metainfos) != 1:
            sys.exit(f"make-metadata.py: {path}: expected one .metainfo.xml, found {metainfos}")
        component = ET.parse(os.path.join(tmp, metainfos[0])).getroot()
        sizes = {f: os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp)}
    if component.tag != "component" or component.findtext("id") is None:
        sys.exit(f"make-metadata.py: {path}: the metainfo has no <component> with an <id>")
    return component, sizes


def add_release_data(release, cab, blob, sizes, location):
    # the order the LVFS uses: location, container checksums, then the metainfo's own
    loc = ET.Element("location")
    loc.text = location
    release.insert(0, loc)
    for pos, (kind, func) in enumerate((("sha1", hashlib.sha1), ("sha256", hashlib.sha256))):
        csum = ET.Element("checksum", type=kind, filename=os.path.basename(cab), target="container")
        csum.text = func(blob).hexdigest()
        release.insert(1 + pos, csum)
    payloads = [c.get("filename") for c in release.findall("checksum[@target='content']")]
    installed = sum(sizes.get(f, 0) for f in payloads if f) or max(sizes.values())
    ET.SubElement(release, "size", type="installed").text = str(installed)
    ET.SubElement(release, "size", type="download").text = str(len(blob))
    date = release.get("date")
    if date and release.get("timestamp") is None:
        when = datetime.datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc)
        release.set("timestamp", str(int(when.timestamp())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", required=True, help="firmware.xml.gz to write")
    parser.add_argument("--base-uri", help="release locations are BASE-URI/NAME.cab, not NAME.cab")
    parser.add_argument("cabs", nargs="+", metavar="FILE.cab")
    args = parser.parse_args()

    components = {}  # id -> merged component, in the order first seen
    for cab in args.cabs:
        component, sizes = read_cab(cab)
        blob = open(cab, "rb").read()
        if args.base_uri:
            location = args.base_uri.rstrip("/") + "/" + os.path.basename(cab)
        else:
            location = os.path.basename(cab)
        releases = component.find("releases")
        if releases is None or len(releases) == 0:
            sys.exit(f"make-metadata.py: {cab}: the metainfo has no <release>")
        for release in releases:
            add_release_data(release, cab, blob, sizes, location)
        cid = component.findtext("id")
        if cid not in components:
            components[cid] = copy.deepcopy(component)
            continue
        merged = components[cid].find("releases")
        have = {r.get("version") for r in merged}
        for release in releases:
            if release.get("version") in have:
                sys.exit(f"make-metadata.py: {cid} {release.get('version')} is in two cabinets")
            merged.append(release)

    root = ET.Element("components", origin="lvfs", version="0.9")
    for component in components.values():
        releases = component.find("releases")
        ordered = sorted(releases, key=lambda r: version_key(r.get("version", "")), reverse=True)
        for r in list(releases):
            releases.remove(r)
        releases.extend(ordered)
        root.append(component)
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    with gzip.open(args.output, "wb") as f:
        f.write(data)
    print(f"make-metadata.py: {args.output}: "
          + ", ".join(f"{cid} ({', '.join(r.get('version') for r in c.find('releases'))})"
                      for cid, c in components.items()))


if __name__ == "__main__":
    main()
