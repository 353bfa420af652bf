#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs shoal-sim --json with small parameters and checks the output contract other tools
read ({"scenarios": {NAME: {"rounds": [...], "summary": {...}}}}) and the issue's targets:
steady-state CoV <= 2%, <= 1% of buckets moved in any round, convergence within 30 rounds."""
import json
import subprocess
import sys

SIM = sys.argv[1]
ARGS = ["--json", "--servers", "30", "--table-bits", "13", "--rounds", "60", "--seed", "7"]

out = subprocess.run([SIM, *ARGS], check=True, capture_output=True, text=True).stdout
doc = json.loads(out)
failures = []


def fail(msg):
    failures.append(msg)


if set(doc) != {"scenarios"}:
    fail(f"top level keys {sorted(doc)}, expected only 'scenarios'")
scenarios = doc.get("scenarios", {})
if set(scenarios) != {"generations", "degraded", "missing_reports"}:
    fail(f"scenarios {sorted(scenarios)}")
for name, s in scenarios.items():
    rounds, summary = s.get("rounds"), s.get("summary", {})
    if not isinstance(rounds, list) or len(rounds) != 60:
        fail(f"{name}: rounds is not a list of 60")
        continue
    for r in rounds:
        for key, kind in (("cov", float), ("max_minus_min", float), ("moved_buckets", int)):
            if not isinstance(r.get(key), (int, float) if kind is float else int):
                fail(f"{name}: round {r.get('round')} field {key} is {r.get(key)!r}")
    if not isinstance(summary.get("rounds_to_converge"), int) or isinstance(summary.get("rounds_to_converge"), bool):
        fail(f"{name}: rounds_to_converge is not an int")
    for key in ("steady_cov", "max_moved_fraction"):
        if not isinstance(summary.get(key), (int, float)):
            fail(f"{name}: {key} is not a number")
    if failures:
        continue
    print(f"{name}: rounds_to_converge={summary['rounds_to_converge']} "
          f"steady_cov={summary['steady_cov']:.4f} max_moved_fraction={summary['max_moved_fraction']:.4f}")
    if not 0 <= summary["rounds_to_converge"] <= 30:
        fail(f"{name}: converged in {summary['rounds_to_converge']} rounds, target <= 30")
    if summary["steady_cov"] > 0.02:
        fail(f"{name}: steady CoV {summary['steady_cov']:.4f}, target <= 0.02")
    if summary["max_moved_fraction"] > 0.01:
        fail(f"{name}: moved {summary['max_moved_fraction']:.4f} of the buckets in a round, target <= 0.01")
    if name == "degraded" and summary.get("rounds_to_reconverge", -1) < 0:
        fail("degraded: never reconverged after the capacity drop")
    if name == "missing_reports" and summary.get("rounds_with_held_servers", 0) == 0:
        fail("missing_reports: no round held a server's weight")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
