#!/usr/bin/python3
# Reads one nec-sim-run trace of a --garble run and prints, as key=value:
#   garbled          answers the runner spoiled (any device command)
#   id_garbled       of those, identification answers: INQUIRY (the main
#                    firmware's or, in safe mode, the bootcode's) and the
#                    hardware ID ReadRAM at 0x4800
#   flash_after_id   Erase/Program (CB04/CB02) commands sent after a
#                    garbled identification answer (any, even if retried)
#   flash_unchecked  Erase/Program sent while the last answer to that same
#                    identification command (same CDB, same mode) was a
#                    garbled one: the plugin went on with what it could not trust
#   kinds            garbled answers per kind
import collections
import re
import sys

line_re = re.compile(r"^\d+ sr0 cdb=([0-9A-F]+) \S+ \S+ status=(.*)$")


def identification(cdb):
    if cdb[0] == 0x12:
        return True
    return len(cdb) >= 9 and cdb[0] == 0xCC and cdb[1] == 0x00 and int.from_bytes(cdb[2:6], "big") == 0x4800


safe = False
last_id = {}  # (cdb, safe) -> garbled?
garbled = id_garbled = flash_after_id = flash_unchecked = 0
seen_id_garbled = False
kinds = collections.Counter()
for line in open(sys.argv[1]):
    m = line_re.match(line.strip())
    if not m:
        continue
    cdb = bytes.fromhex(m.group(1))
    status = m.group(2)
    g = re.search(r"garbled=(\S+)", status)
    if g:
        garbled += 1
        kinds[g.group(1)] += 1
    if " reset" in status:
        safe = False
    if identification(cdb):
        key = (cdb, safe)
        last_id[key] = bool(g)
        if g:
            id_garbled += 1
            seen_id_garbled = True
    elif cdb[0] == 0xCC and cdb[1] == 0x01 and (g or status.startswith("GOOD")):
        # a spoiled answer does not undo what the drive did
        safe = cdb[2] == 0x01
    elif cdb[0] == 0xCB and cdb[1] in (0x02, 0x04):
        if seen_id_garbled:
            flash_after_id += 1
        if any(last_id.values()):
            flash_unchecked += 1
print(f"garbled={garbled}")
print(f"id_garbled={id_garbled}")
print(f"flash_after_id={flash_after_id}")
print(f"flash_unchecked={flash_unchecked}")
print("kinds=" + ",".join(f"{k}:{v}" for k, v in sorted(kinds.items())))
