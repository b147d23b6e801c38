#!/usr/bin/python3
# What the e2e tests read from fwupdtool's and fwupdmgr's --json output, for
# the nec_odd devices, one line each:
#   fwupd-json.py [--all] [--lenient] COMMAND FILE [ARG]
# --all: every device; --lenient: a missing or broken FILE has no devices.
#   devices FILE          NAME|VERSION|FLAGS|PROBLEMS|SUMMARY|UPDATE_ERROR
#   device-id FILE        the DeviceId
#   field FILE KEY        a top-level value, a list joined by commas
#   plugin-of FILE TEXT   the plugin of every device whose name or instance IDs hold TEXT
#   releases FILE         VERSION|FLAGS|DESCRIPTION per release, as listed (newest first)
#   drive-shows FILE      what a power-cycled drive reports: "1.04", "3.04 NAME" for
#                         another model than ND-3520A, "safe mode 0.01", "no device",
#                         or "N devices" when it is listed more than once
# drive-shows is always lenient.
import json
import sys


def load(path, lenient):
    try:
        return json.load(open(path)).get("Devices", [])
    except (OSError, ValueError):
        if lenient:
            return []
        raise


def joined(value):
    return ",".join(value) if isinstance(value, list) else str(value)


def main(argv):
    every = "--all" in argv
    lenient = "--lenient" in argv
    cmd, path, *args = [a for a in argv if a not in ("--all", "--lenient")]
    lenient = lenient or cmd == "drive-shows"
    devs = [d for d in load(path, lenient) if every or d.get("Plugin") == "nec_odd"]
    if cmd == "devices":
        for d in devs:
            print("|".join([d.get("Name", ""), d.get("Version", ""), joined(d.get("Flags", [])),
                            joined(d.get("Problems", [])), d.get("Summary", ""), d.get("UpdateError", "")]))
    elif cmd == "device-id":
        for d in devs:
            print(d["DeviceId"])
    elif cmd == "field":
        for d in devs:
            print(joined(d.get(args[0], "")))
    elif cmd == "plugin-of":
        for d in load(path, False):
            if args[0] in d.get("Name", "") or args[0] in " ".join(d.get("InstanceIds", [])):
                print(d.get("Plugin"))
    elif cmd == "releases":
        for d in devs:
            for r in d.get("Releases", []):
                print("|".join([r.get("Version", ""), joined(r.get("Flags", [])), r.get("Description", "")]))
    elif cmd == "drive-shows":
        if not devs:
            print("no device")
        elif len(devs) > 1:
            print(f"{len(devs)} devices")
        elif "needs recovery" in devs[0].get("Name", ""):
            print("safe mode " + devs[0].get("Version", "?"))
        else:
            name = devs[0].get("Name", "")
            print(devs[0].get("Version", "?") + ("" if name == "ND-3520A" else " " + name))
    else:
        sys.exit(f"fwupd-json.py: unknown command {cmd}")


main(sys.argv[1:])
