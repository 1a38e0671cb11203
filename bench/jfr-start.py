#!/usr/bin/env python3
"""Where a service's start goes, from a JFR recording of it (bench/footprint.sh JFR=1):
execution samples until Quarkus' "started" line, grouped by the Quarkus start step they ran under
(the generated io.quarkus.runner.recorded.* / io.quarkus.deployment.steps.* class nearest to the
thread's root), and the share of samples spent loading classes (a frame of a class loader on the stack).
usage: bench/jfr-start.py RECORDING.jfr [TOP=15]"""
import collections, json, subprocess, sys

rec = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", rec], capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
LOADING = ("java.lang.ClassLoader.defineClass", "java.lang.ClassLoader.loadClass", "jdk.internal.loader.", "io.quarkus.bootstrap.runner.RunnerClassLoader",
           "java.lang.Class.forName", "java.lang.invoke.", "java.lang.ClassLoader.findBootstrapClass")
steps, loading, threads = collections.Counter(), collections.Counter(), collections.Counter()
for e in events:
    frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in e["values"]["stackTrace"]["frames"]]
    thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
    threads[thread.split("-")[0]] += 1
    step = "JVM and Quarkus bootstrap (before any start step)"
    for f in reversed(frames):  # root first: the outermost step wins
        if f.startswith(("io.quarkus.runner.recorded.", "io.quarkus.deployment.steps.")):
            step = f.split(".")[-2].split("$")[0]
            break
    else:
        for f in reversed(frames):
            if f.startswith("io.trackguard."):
                step = "our code outside a start step (observers, schedulers, requests)"
                break
    steps[step] += 1
    if any(f.startswith(LOADING) for f in frames):
        loading[step] += 1
n = len(events)
print(f"{n} execution samples; {sum(loading.values())} ({100 * sum(loading.values()) // max(n, 1)} %) with a class loader on the stack")
print("| start step | samples | % | of which loading classes |")
print("|---|---|---|---|")
for step, c in steps.most_common(top):
    print(f"| {step} | {c} | {100 * c / n:.0f} | {loading[step]} |")
rest = n - sum(c for _, c in steps.most_common(top))
if rest:
    print(f"| (other steps) | {rest} | {100 * rest / n:.0f} | |")
print("threads: " + ", ".join(f"{t} {c}" for t, c in threads.most_common(6)))
