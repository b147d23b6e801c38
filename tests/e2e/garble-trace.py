#!/usr/bin/python3
# Reads one nec-sim-run trace of a --garble run and prints, as key=value:
#   garbled          answers the runner spoiled (any device command)
#   id_garbled       of those, identification answers: INQUIRY (the main
#                    firmware's or, in safe mode, the bootcode's) and the
#                    hardware ID ReadRAM at 0x4500 or 0x4800
#   flash_after_id   EraseBlock/ProgramBlock/EraseBank commands sent after a
#                    garbled identification answer (any, even if retried)
#   flash_unchecked  Erase/Program sent while the last answer to that same
#                    identification command (same cmd= and len=, same mode) was a
#                    garbled one: the plugin went on with what it could not trust
#   kinds            garbled answers per kind
import collections
import re
import sys

# the runner names each command (cmd=); nothing here decodes CDB bytes
line_re = re.compile(r"^\d+ sr0 cdb=\S+ cmd=(\S+) dir=\S+ len=(\d+) status=(.*)$")
id_re = re.compile(r"^(INQUIRY|ReadRAM/0x004[58]00/.*)$")
flash_re = re.compile(r"^(EraseBlock|ProgramBlock|EraseBank)(/|$)")


safe = False
last_id = {}  # (cmd, len, safe) -> garbled?
garbled = id_garbled = flash_after_id = flash_unchecked = 0
seen_id_garbled = False
kinds = collections.Counter()
for line in open(sys.argv[1]):
    m = line_re.match(line.strip())
    if not m:
        continue
    cmd, length, status = m.groups()
    g = re.search(r"garbled=(\S+)", status)
    if g:
        garbled += 1
        kinds[g.group(1)] += 1
    if " reset" in status:
        safe = False
    if id_re.match(cmd):
        key = (cmd, length, safe)
        last_id[key] = bool(g)
        if g:
            id_garbled += 1
            seen_id_garbled = True
    elif cmd.startswith("SafeMode/") and (g or status.startswith("GOOD")):
        # a spoiled answer does not undo what the drive did
        safe = cmd.startswith("SafeMode/enter/")
    elif flash_re.match(cmd):
        if seen_id_garbled:
            flash_after_id += 1
        if any(last_id.values()):
            flash_unchecked += 1
print(f"garbled={garbled}")
print(f"id_garbled={id_garbled}")
print(f"flash_after_id={flash_after_id}")
print(f"flash_unchecked={flash_unchecked}")
print("kinds=" + ",".join(f"{k}:{v}" for k, v in sorted(kinds.items())))
