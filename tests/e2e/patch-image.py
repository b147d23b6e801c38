#!/usr/bin/python3
# patch-image.py IN OUT EDIT…: a copy of an image (or a flash state file) with
# edits applied in order:
#   product=STR   the INQUIRY product (16, space padded) at signature + 394 + 8
#   hwid=XXXX     the 4-byte trailer hardware ID
#   bootcode=XY   the 2-byte bootcode trailer
#   flip=OFFSET   XOR 0xFF into one byte (a body's checksum word then no longer matches)
#   at=OFFSET:HEX these bytes at OFFSET (e.g. a flash's hardware ID: at=0x4800:ffffffff)
#   size=N        truncate to, or pad with 0xFF up to, N bytes
#   fixsum        recompute the checksum word at body 0xF9FFE: the sum of the
#                 big-endian words of body[0..0xF9FFE) modulo 65536
import sys

src, dst, *edits = sys.argv[1:]
data = bytearray(open(src, "rb").read())
BODY, SUM = 0xFA000, 0xF9FFE
SIG = bytes.fromhex("07000300780078007800")
for e in edits:
    k, _, v = e.partition("=")
    if k == "product":
        off = data.index(SIG, 0, BODY) + 394 + 8
        data[off:off + 16] = v.encode().ljust(16)[:16]
    elif k == "hwid":
        data[BODY:BODY + 4] = v.encode()
    elif k == "bootcode":
        assert len(data) == BODY + 6, "image has no bootcode trailer"
        data[BODY + 4:BODY + 6] = v.encode()
    elif k == "flip":
        data[int(v, 0)] ^= 0xFF
    elif k == "at":
        off, _, hexbytes = v.partition(":")
        b = bytes.fromhex(hexbytes)
        data[int(off, 0):int(off, 0) + len(b)] = b
    elif k == "size":
        n = int(v, 0)
        data = data[:n] + b"\xff" * (n - len(data))
    elif k == "fixsum":
        s = sum(int.from_bytes(data[i:i + 2], "big") for i in range(0, SUM, 2)) & 0xFFFF
        data[SUM:SUM + 2] = s.to_bytes(2, "big")
    else:
        sys.exit(f"patch-image.py: unknown edit {e}")
open(dst, "wb").write(data)
