#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks a shoal-loadgen --mode bulk report against the server pairs its flows were picked for
(pick_pairs.py): every flow's transfers completed, each on the owner it was picked for. Prints
one line per pair (ingress -> owner) with each direction's result, then a summary line.

Exit 0 when every transfer of every pair completed on the expected owner, 1 otherwise.
"""
import argparse
import json
import sys


def leg_text(leg) -> str:
    if leg is None:
        return "-"
    if leg["complete"]:
        return f"ok {leg['seconds']:.2f}s"
    return f"FAILED at {leg['done']} of {leg['bytes']} bytes: {leg['error']}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", help="shoal-loadgen --mode bulk --json output")
    parser.add_argument("pairs", help="pick_pairs.py output")
    parser.add_argument("--family", required=True, help="for the messages: IPv4 or IPv6")
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    with open(args.pairs, encoding="utf-8") as f:
        pairs = json.load(f)["pairs"]
    flows = {flow["source"]: flow for flow in report["flows"]}

    bad = {"forwarding": 0, "local": 0}
    total = {"forwarding": 0, "local": 0}
    for pair in pairs:
        kind = "local" if pair["ingress"] == pair["owner"] else "forwarding"
        total[kind] += 1
        flow = flows.get(pair["source"])
        name = f"{args.family} {pair['ingress']} -> {pair['owner']} ({pair['source']})"
        if flow is None:
            print(f"  {name}: no such flow in the report")
            bad[kind] += 1
            continue
        problems = []
        if not flow["connected"]:
            problems.append(f"not connected: {flow['error']}")
        elif flow["server"] != pair["owner"]:
            problems.append(f"answered by {flow['server']}, picked for {pair['owner']} (did the table change?)")
        legs = {d: flow.get(d) for d in ("down", "up")}
        if not all(leg is None or leg["complete"] for leg in legs.values()):
            problems.append("incomplete")
        print(f"  {name}: download {leg_text(legs['down'])}; upload {leg_text(legs['up'])}; "
              f"pmtu {flow['pmtu']}, mss {flow['snd_mss']}" + (f"  <-- {', '.join(problems)}" if problems else ""))
        bad[kind] += bool(problems)
    print(f"{args.family}: {len(pairs)} pairs; {total['local'] - bad['local']} of {total['local']} "
          f"same-server pairs and {total['forwarding'] - bad['forwarding']} of {total['forwarding']} "
          f"forwarding pairs completed both ways ({report['elapsed_s']:.1f}s)")
    return 1 if bad["local"] or bad["forwarding"] else 0


if __name__ == "__main__":
    sys.exit(main())
