#!/usr/bin/env python3
"""Puts the two verify paths side by side: the difference between a wrong postal code and an
unknown number in the same round, next to the difference between two consecutive rounds of
the same path (what the machine's own noise looks like). Reads bench/run.sh's results.tsv."""
import re
import sys


def mean(values):
    return sum(values) / len(values)

rounds = {"wrong": {}, "unknown": {}}
for line in open(sys.argv[1]):
    label, result = line.rstrip("\n").split("\t")
    m = re.match(r"verify, (wrong code|unknown no\.) \((\d+)\)", label)
    if not m:
        continue
    values = dict(kv.split("=") for kv in result.split())
    path = "wrong" if m.group(1) == "wrong code" else "unknown"
    rounds[path][int(m.group(2))] = {k: float(v) for k, v in values.items()}

numbers = sorted(set(rounds["wrong"]) & set(rounds["unknown"]))
if len(numbers) < 2:
    sys.exit("need at least two rounds of both paths")


def pct(a, b):
    return 100.0 * (a - b) / b


print("| round | wrong code req/s | unknown no. req/s | wrong code p50 ms | unknown no. p50 ms "
      "| wrong code CPU µs/req | unknown no. CPU µs/req | 403 | 429 |")
print("|---|---|---|---|---|---|---|---|---|")
for n in numbers:
    w, u = rounds["wrong"][n], rounds["unknown"][n]
    print(f"| {n} | {w['rps']:.0f} | {u['rps']:.0f} | {w['p50_ms']:.2f} | {u['p50_ms']:.2f} | {w['cpu_us']:.0f} | {u['cpu_us']:.0f} | "
          f"{w.get('s403', 0) + u.get('s403', 0):.0f} | {w.get('s429', 0) + u.get('s429', 0):.0f} |")
print()
between_paths_rps = [pct(rounds["wrong"][n]["rps"], rounds["unknown"][n]["rps"]) for n in numbers]
between_paths_p50 = [pct(rounds["wrong"][n]["p50_ms"], rounds["unknown"][n]["p50_ms"]) for n in numbers]
between_paths_cpu = [pct(rounds["wrong"][n]["cpu_us"], rounds["unknown"][n]["cpu_us"]) for n in numbers]
same_path = {"rps": [], "p50_ms": [], "cpu_us": []}
for path in ("wrong", "unknown"):
    for a, b in zip(numbers, numbers[1:]):
        for key in same_path:
            same_path[key].append(abs(pct(rounds[path][b][key], rounds[path][a][key])))
print("| comparison | req/s | p50 | service CPU per request |")
print("|---|---|---|---|")
print(f"| wrong code vs unknown no., same round: mean (signed) | {mean(between_paths_rps):+.1f} % | "
      f"{mean(between_paths_p50):+.1f} % | {mean(between_paths_cpu):+.1f} % |")
print(f"| wrong code vs unknown no., same round: mean of the gaps | {mean([abs(v) for v in between_paths_rps]):.1f} % | "
      f"{mean([abs(v) for v in between_paths_p50]):.1f} % | {mean([abs(v) for v in between_paths_cpu]):.1f} % |")
print(f"| one round vs the next, same path: mean of the gaps | {mean(same_path['rps']):.1f} % | "
      f"{mean(same_path['p50_ms']):.1f} % | {mean(same_path['cpu_us']):.1f} % |")
