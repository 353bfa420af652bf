#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that the connections (or requests) of a shoal-loadgen report landed on the servers in
proportion to their bucket counts.

Each new flow hashes to a uniformly random bucket (random source ports, 32 source addresses), so
server i's count is Binomial(n, p_i) with p_i = buckets_i / all buckets. The bound: every server
within SIGMAS standard deviations of n * p_i (default 5: a false alarm about once in 1.7 million
servers checked), and a server with no buckets gets nothing at all. Exit 0 when it holds, 1
otherwise, printing expected and observed counts either way.
"""
import argparse
import json
import math
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", help="shoal-loadgen --json output")
    parser.add_argument("buckets", help='JSON {"srv1": buckets, ...} of the service')
    parser.add_argument("--sigmas", type=float, default=5.0)
    parser.add_argument("--min-flows", type=int, default=1000, help="fewer flows is a failure")
    args = parser.parse_args()

    with open(args.report, encoding="utf-8") as f:
        observed = json.load(f)["servers"]
    buckets = json.loads(args.buckets)
    total_buckets = sum(buckets.values())
    flows = sum(observed.values())
    problems = []
    if flows < args.min_flows:
        problems.append(f"only {flows} flows answered, wanted at least {args.min_flows}")
    strangers = sorted(set(observed) - set(buckets))
    if strangers:
        problems.append(f"answered by servers outside the table: {strangers}")
    for name in sorted(buckets):
        p = buckets[name] / total_buckets
        expected = flows * p
        bound = args.sigmas * math.sqrt(flows * p * (1 - p))
        got = observed.get(name, 0)
        verdict = "ok" if abs(got - expected) <= bound else "OUT"
        print(f"  {name}: {buckets[name]} buckets ({p:.1%}), expected {expected:.0f} ± {bound:.0f}, "
              f"got {got} {verdict}")
        if verdict != "ok":
            problems.append(f"{name} got {got}, expected {expected:.0f} ± {bound:.0f}")
    for problem in problems:
        print(f"  FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
