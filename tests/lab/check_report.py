#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks a shoal-loadgen JSON report against expectations and prints a one-line summary.

Exit 0 when every expectation holds, 1 (naming each violation) otherwise.
"""
import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", help="file with shoal-loadgen --json output")
    parser.add_argument("--connections", type=int, help="exactly this many established")
    parser.add_argument("--min-servers", type=int, default=1, help="at least this many answered")
    parser.add_argument("--max-broken", type=int, default=0)
    parser.add_argument("--max-failed", type=int, default=0)
    parser.add_argument("--min-broken", type=int, default=0)
    parser.add_argument("--server", action="append", default=[], help="must have answered")
    args = parser.parse_args()

    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    servers = report["servers"]
    print(
        f"{report['mode']} {report['target']}: {report['established']} established, "
        f"{report['failed']} failed {report['failed_reasons']}, {report['broken']} broken "
        f"{report['broken_reasons']}, {report['exchanges']} exchanges, servers {servers}, "
        f"latency ms {report['latency_ms']}"
    )
    problems = []
    if args.connections is not None and report["established"] != args.connections:
        problems.append(f"established {report['established']} != {args.connections}")
    if report["broken"] > args.max_broken:
        problems.append(f"broken {report['broken']} > {args.max_broken}")
    if report["broken"] < args.min_broken:
        problems.append(f"broken {report['broken']} < {args.min_broken}")
    if report["failed"] > args.max_failed:
        problems.append(f"failed {report['failed']} > {args.max_failed}")
    if len(servers) < args.min_servers:
        problems.append(f"{len(servers)} servers answered, wanted at least {args.min_servers}")
    for name in args.server:
        if name not in servers:
            problems.append(f"server {name} never answered")
    if report["deadline_hit"]:
        problems.append("the hard deadline was hit")
    for problem in problems:
        print(f"  FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
