#!/usr/bin/env python3
"""CPU seconds a JVM process has used so far, by kind of thread (from /proc/PID/task/*/stat):
the application threads, the JIT compilers (C1, C2), the garbage collector, and the rest.
usage: bench/thread-cpu.py PID   -> one line, e.g. "app 3.10 C2 1.20 C1 0.40 GC 0.10 other 0.20"."""
import os, sys

pid = sys.argv[1]
hz = os.sysconf("SC_CLK_TCK")
kinds = {"app": 0.0, "C2": 0.0, "C1": 0.0, "GC": 0.0, "other": 0.0}
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        stat = open(f"/proc/{pid}/task/{tid}/stat").read()
    except OSError:
        continue  # the thread ended meanwhile
    name = stat[stat.index("(") + 1:stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2:].split()
    cpu = (int(fields[11]) + int(fields[12])) / hz  # utime, stime
    if name.startswith("C2 Compiler"):
        kind = "C2"
    elif name.startswith("C1 Compiler"):
        kind = "C1"
    elif name.startswith(("GC ", "G1 ", "VM Periodic")) or "GC" in name or name.startswith("G1"):
        kind = "GC"
    elif name in ("VM Thread", "Signal Dispatch", "Service Thread", "Monitor Deflati", "Common-Cleaner", "Finalizer", "Reference Handl",
                  "Sweeper thread", "Notification Th", "Attach Listener"):
        kind = "other"
    else:
        kind = "app"
    kinds[kind] += cpu
print(" ".join(f"{k} {v:.2f}" for k, v in kinds.items()))
