#!/usr/bin/env python3
# contrib/bench.sh's driver: runs each figure RUNS times against the simulated drive,
# prints a table (median, baseline, ratio, target) and writes JSON.
# Needs: the build ($NEC_ODD_BUILDDIR), root, /usr/bin/fwupdtool, /usr/bin/time, valgrind.
import json, os, re, statistics, subprocess, sys, tempfile, threading, time

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
builddir = os.environ.get("NEC_ODD_BUILDDIR", os.path.join(top, "build"))
runs = int(os.environ.get("NEC_ODD_BENCH_RUNS", "5"))
out_json = sys.argv[1] if len(sys.argv) > 1 else os.path.join(builddir, "bench.json")
runner = os.path.join(builddir, "tests/runner/nec-sim-run")
cab = os.path.join(builddir, "tests/firmware/ND-3520A-3.04.cab")
image = os.path.join(builddir, "tests/firmware/ND-3520A-3.04.bin")
work = tempfile.mkdtemp(prefix="nec-odd-bench-")
FWUPDTOOL = "/usr/bin/fwupdtool"

# the environment contrib/fwupdtool.sh gives fwupdtool, without the bash in between
def fwupd_env(with_module=True):
    root = os.path.join(work, "root")
    script = f'set -e; top={top}; builddir={builddir}; root={root}; . {top}/contrib/fwupd-env.sh; env -0'
    env = dict(kv.split("=", 1) for kv in subprocess.run(
        ["bash", "-c", script], check=True, capture_output=True, text=True).stdout.split("\0") if "=" in kv)
    if not with_module:
        env["FWUPD_LIBDIR_PKG"] = env["FWUPD_LIBDIR_PKG"].split(",")[0]
    return env

def median(xs):
    return statistics.median(xs)

# a trace FIFO read as the runner writes it: each line gets the time it arrived
class TimedTrace:
    def __init__(self, path):
        self.path = path
        self.lines = []
        os.mkfifo(path)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        with open(self.path, "r") as f:
            for line in f:
                self.lines.append((time.monotonic(), line.split()))

    def join(self):
        self.thread.join(timeout=10)
        os.unlink(self.path)

def sim(args, cmd, env, trace=True, report=True, check=True):
    """run cmd under the runner; returns (wall s, trace [(t, fields)], report dict, t0)"""
    tr = TimedTrace(os.path.join(work, "trace.fifo")) if trace else None
    rep = os.path.join(work, "report")
    full = [runner] + args
    if tr:
        full += ["--trace", tr.path]
    if report:
        full += ["--report", rep]
    t0 = time.monotonic()
    p = subprocess.run(full + ["--"] + cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    t1 = time.monotonic()
    if tr:
        tr.join()
    if check and p.returncode != 0:
        sys.stderr.write(p.stdout.decode(errors="replace")[-3000:] + p.stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({p.returncode})")
    rd = {}
    if report and os.path.exists(rep):
        for l in open(rep):
            k, v = l.strip().split("=")
            rd[k] = int(v)
    return t1 - t0, (tr.lines if tr else []), rd, t0, p

# a trace line's fields: SEQ DEV cdb=HEX cmd=NAME dir=D len=N status=...; the runner
# names the command (cmd=), so nothing here decodes CDB bytes
def command(fields):
    """the command's kind: "WriteRAM", "ReadRAM", "INQUIRY", ... (cmd= up to the first /)"""
    return fields[3][4:].split("/")[0]

def nec_cmds(lines):
    # sr0 commands nec_odd sends (INQUIRY, TUR, vendor CB/CC/CD); ATA pass-through is fwupd's ata plugin
    return [l for l in lines if l[1][1] == "sr0" and command(l[1]) != "ATA_PASS_THROUGH_12"]

def length(fields):
    return int(fields[5][4:])

def count_by_command(cmds):
    return {c: sum(1 for _, f in cmds if command(f) == c) for c in sorted({command(f) for _, f in cmds})}

results = {}
table = []

def row(name, value, unit, baseline, base_name, target=None, ok=None, note=""):
    ratio = value / baseline if baseline else None
    table.append((name, value, unit, baseline, base_name, ratio, target, ok, note))
    results[name] = {"median": value, "unit": unit, "baseline": baseline, "baseline_is": base_name,
                     "ratio": ratio, "target": target, "met": ok, "note": note}

def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)

env = fwupd_env(True)
env_without = fwupd_env(False)

# --- update at real time: wall vs the simulator's busy model time
print(f"bench: {runs} x update 1.04 -> 3.04 at --time-scale 1.0 (~20 s each)", file=sys.stderr)
upd = []
for i in range(runs):
    wall, lines, rd, t0, _ = sim(["--time-scale", "1.0"], [FWUPDTOOL, "install", cab, "-y"], env)
    cmds = nec_cmds(lines)
    ops = [(t, command(f), length(f)) for t, f in cmds]
    t_first = cmds[0][0]
    i_write = [k for k, o in enumerate(ops) if o[1] == "WriteRAM"]
    i_prog = [k for k, o in enumerate(ops) if o[1] == "ProgramBlock"]
    i_erase = [k for k, o in enumerate(ops) if o[1] == "EraseBlock"]
    last_prog = i_prog[-1]
    readback = [k for k in range(last_prog + 1, len(ops)) if ops[k][1] == "ReadRAM"]
    t_rb_end = ops[readback[-1]][0]
    phases = {
        "startup_to_first_command": t_first - t0,
        "identify_backup_enter": ops[i_write[0] - 1][0] - t_first,
        "stage": ops[i_write[-1]][0] - ops[i_write[0] - 1][0],
        "checksum_erase": ops[i_erase[-1]][0] - ops[i_write[-1]][0],
        "program": ops[last_prog][0] - ops[i_erase[-1]][0],
        "readback": t_rb_end - ops[last_prog][0],
        "attach_wait_ready": ops[-1][0] - t_rb_end,
        "last_command_to_exit": t0 + wall - ops[-1][0],
    }
    upd.append({"wall": wall, "busy_us": rd["busy_us"], "commands": len(cmds),
                "bytes": sum(o[2] for o in ops), "readback_wall": phases["readback"],
                "readback_n": len(readback), "readback_bytes": sum(ops[k][2] for k in readback),
                "phases": phases,
                "ops": [(round(t - t0, 4), o, n) for t, o, n in ops],
                "by_command": count_by_command(cmds)})
results["update_runs"] = [{k: v for k, v in u.items() if k != "ops"} for u in upd]
results["update_trace_first_run"] = upd[0]["ops"]
busy = median([u["busy_us"] for u in upd]) / 1e6
row("update wall (s)", median([u["wall"] for u in upd]), "s", busy, "sim busy time",
    "<= 1.02 x busy", median([u["wall"] for u in upd]) <= 1.02 * busy)
for ph in upd[0]["phases"]:
    results.setdefault("update_phases_median_s", {})[ph] = median([u["phases"][ph] for u in upd])
# 32 ReadRAM of 32 KiB at 33.3 MB/s: the simulator's transfer model (bytes * 10 / 333 us)
rb_busy = sum(32768 * 10 // 333 for _ in range(upd[0]["readback_n"])) / 1e6
row("read-back wall (s)", median([u["readback_wall"] for u in upd]), "s", rb_busy,
    f"sim busy ({upd[0]['readback_n']} x 32 KiB)", "<= 1.02 x busy",
    median([u["readback_wall"] for u in upd]) <= 1.02 * rb_busy)

# --- the 2M family: ND-3550A 1.00 -> 1.05 at real time, wall vs the simulator's busy time
fw_dir = os.path.join(builddir, "tests/firmware")
print(f"bench: {runs} x update ND-3550A 1.00 -> 1.05 (2M) at --time-scale 1.0", file=sys.stderr)
upd2m = []
for i in range(runs):
    wall, lines, rd, t0, _ = sim(["--model", "ND-3550A", "--firmware", os.path.join(fw_dir, "ND-3550A-1.00.bin"),
                                  "--time-scale", "1.0"],
                                 [FWUPDTOOL, "install", os.path.join(fw_dir, "ND-3550A-1.05.cab"), "-y"], env)
    upd2m.append({"wall": wall, "busy_us": rd["busy_us"], "commands": len(nec_cmds(lines))})
results["update_2m_runs"] = upd2m
busy2m = median([u["busy_us"] for u in upd2m]) / 1e6
row("2M update wall (s)", median([u["wall"] for u in upd2m]), "s", busy2m, "sim busy time (ND-3550A)",
    "<= 1.02 x busy", median([u["wall"] for u in upd2m]) <= 1.02 * busy2m)
# Binflash's 124 commands and 60 read-backs of 32 KiB (0x1E0000 bytes)
row("2M update commands", median([u["commands"] for u in upd2m]), "cmds", 124 + 60,
    "124 Binflash + 60 read-back", "<= 1.0", median([u["commands"] for u in upd2m]) <= 184)

# --- commands
row("update commands", median([u["commands"] for u in upd]), "cmds", 69 + 32,
    "69 Binflash + 32 read-back", "<= 1.0", median([u["commands"] for u in upd]) <= 101)
results["update_by_command"] = upd[0]["by_command"]
results["update_bytes"] = median([u["bytes"] for u in upd])
print(f"bench: {runs} x firmware-dump", file=sys.stderr)
state = os.path.join(work, "state.bin")
dev_json = sim(["--state", state], [FWUPDTOOL, "get-devices", "--json"], env, trace=False)[4].stdout
dev_id = [d["DeviceId"] for d in json.loads(dev_json)["Devices"] if d.get("Plugin") == "nec_odd"][0]
dumps = []
for i in range(runs):
    if os.path.exists(os.path.join(work, "dump.bin")):
        os.unlink(os.path.join(work, "dump.bin"))
    wall, lines, rd, t0, _ = sim(["--state", state], [FWUPDTOOL, "firmware-dump", os.path.join(work, "dump.bin"), dev_id], env)
    cmds = nec_cmds(lines)
    dumps.append({"wall": wall, "commands": len(cmds), "bytes": sum(length(f) for _, f in cmds),
                  "busy_us": rd["busy_us"],
                  "by_command": count_by_command(cmds)})
results["dump_runs"] = dumps
row("dump commands", median([d["commands"] for d in dumps]), "cmds", 250, "4 KiB reads",
    "<= 1/5", median([d["commands"] for d in dumps]) * 5 <= 250)

# --- probe: get-devices with and without the module, 1 NEC drive + 20 other block devices
print(f"bench: {runs} x get-devices with/without the module, 21 devices, + callgrind", file=sys.stderr)
probe_args = ["--other-devices", "--extra-disks", "18"]
probe = {}
acc = {label: {"walls": [], "rss": [], "others": [], "ops": {}, "nec": 0} for label in ("with", "without")}
# interleaved, so that a slow moment of the VM does not land on one side only
for i in range(runs):
    for label, e in (("with", env), ("without", env_without)):
        a = acc[label]
        rssf = os.path.join(work, "rss")
        wall, lines, rd, t0, p = sim(probe_args, ["/usr/bin/time", "-f", "%M", "-o", rssf, FWUPDTOOL, "get-devices", "--json"], e)
        a["walls"].append(wall)
        a["rss"].append(int(open(rssf).read().split()[-1]))
        oth = [f for _, f in lines if f[1] != "sr0"]
        a["others"].append(len(oth))
        for f in oth:
            key = f"{f[1]}:{command(f)}"
            a["ops"][key] = a["ops"].get(key, 0) + 1
        a["nec"] = len(nec_cmds(lines))
for label, a in acc.items():
    probe[label] = {"wall": median(a["walls"]), "walls": a["walls"], "rss_kb": median(a["rss"]),
                    "sgio_other_devices": median(a["others"]),
                    "other_device_commands_all_runs": a["ops"], "sr0_commands_not_ata": a["nec"]}
# instructions: perf has no hardware counters in this VM, callgrind counts them (3 runs)
for label, e in (("with", env), ("without", env_without)):
    irs = []
    for i in range(min(runs, 3)):
        cg = os.path.join(work, f"cg.{label}.{i}")
        sim(probe_args, ["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}", FWUPDTOOL, "get-devices", "--json"], e, trace=False)
        summ = [l for l in open(cg) if l.startswith("summary:") or l.startswith("totals:")]
        irs.append(int(summ[0].split()[1]))
    probe[label]["instructions"] = median(irs)
results["probe"] = probe
w, wo = probe["with"], probe["without"]
row("probe wall (s)", w["wall"], "s", wo["wall"], "without module", None, None)
row("probe instructions", w["instructions"], "Ir", wo["instructions"], "without module", "<= 1.01",
    w["instructions"] <= 1.01 * wo["instructions"])
row("probe peak RSS (KiB)", w["rss_kb"], "KiB", wo["rss_kb"], "without module", "<= 1.01",
    w["rss_kb"] <= 1.01 * wo["rss_kb"])
extra_other = w["sgio_other_devices"] - wo["sgio_other_devices"]
row("SG_IO to non-NEC devices caused by nec_odd", extra_other, "cmds", None, "", "0", extra_other == 0,
    f"with module {w['sgio_other_devices']}, without {wo['sgio_other_devices']} (fwupd's own plugins)")

# --- parser, in process
print(f"bench: {runs} x in-process parse", file=sys.stderr)
pb = []
for i in range(runs):
    o = subprocess.run([os.path.join(builddir, "tests/bench/nec-odd-parse-bench"), image, "1.5"],
                       check=True, capture_output=True, text=True).stdout
    pb.append(json.loads(o))
results["parser_runs"] = pb
row("parse (images/s)", median([x["parse_per_s"] for x in pb]), "1/s", median([x["sum16_per_s"] for x in pb]),
    "one checksum pass/s", None, None)
row("parse+write (images/s)", median([x["parse_write_per_s"] for x in pb]), "1/s",
    median([x["parse_per_s"] for x in pb]), "parse alone/s", None, None)

# --- peak RSS: installing vs listing (fast time scale)
print(f"bench: {runs} x RSS install vs get-devices", file=sys.stderr)
rss_inst, rss_list = [], []
for i in range(runs):
    rssf = os.path.join(work, "rss")
    sim([], ["/usr/bin/time", "-f", "%M", "-o", rssf, FWUPDTOOL, "install", cab, "-y"], env, trace=False)
    rss_inst.append(int(open(rssf).read().split()[-1]))
    sim([], ["/usr/bin/time", "-f", "%M", "-o", rssf, FWUPDTOOL, "get-devices"], env, trace=False)
    rss_list.append(int(open(rssf).read().split()[-1]))
extra = (median(rss_inst) - median(rss_list)) * 1024
imgsz = os.path.getsize(image)
results["rss_install_kb"] = median(rss_inst)
results["rss_list_kb"] = median(rss_list)
row("update extra peak RSS (bytes)", extra, "B", imgsz, "image size", "<= 3.0", extra <= 3 * imgsz)

# --- the daemon idling: no command may reach the drive (no polling); once, it takes a minute
idle_s = int(os.environ.get("NEC_ODD_BENCH_IDLE_SECONDS", "60"))
print(f"bench: 1 x fwupd daemon idle for {idle_s} s after start-up", file=sys.stderr)
idle_trace = os.path.join(work, "idle.trace")
open(idle_trace, "w").close()
idle_env = dict(os.environ, NEC_ODD_FWUPD_ROOT=os.path.join(work, "root-daemon"), NEC_ODD_BUILDDIR=builddir)
p = subprocess.run([os.path.join(top, "contrib/fwupd-daemon.sh"), "--no-remote", "--trace", idle_trace,
                    "--log", os.path.join(work, "idle-daemon.log"), "--",
                    "sh", "-c", f'a=$(wc -l <"$0"); sleep {idle_s}; b=$(wc -l <"$0"); echo "$a $b"', idle_trace],
                   env=idle_env, capture_output=True, text=True)
if p.returncode != 0:
    sys.stderr.write(p.stdout[-3000:] + p.stderr[-3000:])
    raise SystemExit("bench: the idle daemon run failed")
at_start, at_end = (int(x) for x in p.stdout.split()[-2:])
results["daemon_idle"] = {"seconds": idle_s, "commands_at_startup": at_start, "commands_while_idle": at_end - at_start}
row(f"commands to the drive during {idle_s} s of daemon idle", at_end - at_start, "cmds", at_start,
    "commands at start-up", "0", at_end - at_start == 0)

json.dump({"runs": runs, "figures": results}, open(out_json, "w"), indent=1)
print(f"{'figure':44} {'median':>12} {'baseline':>12} {'ratio':>8}  {'target':14} {'met':5} baseline is / note")
for name, v, unit, b, bn, r, tgt, ok, note in table:
    print(f"{name:44} {fmt(v):>12} {fmt(b):>12} {fmt(r):>8}  {tgt or '-':14} {('yes' if ok else 'NO') if ok is not None else '-':5} {bn}{'; ' + note if note else ''}")
ph = results["update_phases_median_s"]
print("update phases (median s): " + ", ".join(f"{k} {v:.3f}" for k, v in ph.items()))
print(f"update commands: {results['update_by_command']}; dump commands: {dumps[0]['by_command']}")
def by_command(ops):
    r = {}
    for k, n in ops.items():
        r[k.split(":")[1]] = r.get(k.split(":")[1], 0) + n
    return {k: v // runs for k, v in r.items()}
print(f"non-NEC SG_IO per get-devices by command (all from fwupd's ata and scsi plugins): with {by_command(w['other_device_commands_all_runs'])}, without {by_command(wo['other_device_commands_all_runs'])}")
print(f"bench: JSON in {out_json}")
