#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time from `shoalctl drain` to every agent applying the table that carries it.

Each cycle runs `shoalctl drain SERVER` and then `shoalctl undrain SERVER` through the given
control socket, reads the generation from the answer, and polls every agent's control socket
until it reports that generation applied. One sample per agent and change. Prints JSON:
{"changes": N, "samples": M, "p50_ms": ..., "p99_ms": ..., "max_ms": ..., "per_agent_ms": {...}}
and exits 1 if a change was refused or an agent did not apply it within --deadline seconds.
"""
import argparse
import json
import math
import socket
import subprocess
import sys
import time


def unix_get(path, target, timeout=2.0):
    """GET over a Unix socket; the JSON body, or None when the agent did not answer."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(path)
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: shoal\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
    except OSError:
        return None
    head, _, body = data.partition(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n", 1)[0] + b" ":
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def applied_generation(agent_socket):
    status = unix_get(agent_socket, "/v1/status")
    if not status:
        return 0
    return status.get("agent", {}).get("applied_generation") or 0


def percentile(values, p):
    ordered = sorted(values)
    rank = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[rank]


def change(args, verb):
    """One operator change; {agent: seconds until it applied it}."""
    started = time.monotonic()
    run = subprocess.run([args.shoalctl, "--socket", args.socket, "-o", "json", verb, args.server],
                         capture_output=True, text=True, timeout=30, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"shoalctl {verb} {args.server} failed: {run.stderr.strip()}")
    generation = json.loads(run.stdout)["generation"]
    pending = dict(args.agents)
    took = {}
    while pending:
        now = time.monotonic()
        if now - started > args.deadline:
            raise RuntimeError(f"{verb} (generation {generation}): not applied within "
                               f"{args.deadline}s by {sorted(pending)}")
        for name, path in list(pending.items()):
            if applied_generation(path) >= generation:
                took[name] = time.monotonic() - started
                del pending[name]
        time.sleep(0.005)
    return took


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shoalctl", required=True)
    parser.add_argument("--socket", required=True, help="a conductor's control socket")
    parser.add_argument("--server", required=True, help="the server drained and undrained")
    parser.add_argument("--agent", action="append", default=[], metavar="NAME=SOCKET", required=True)
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--deadline", type=float, default=20.0)
    args = parser.parse_args()
    args.agents = dict(a.split("=", 1) for a in args.agent)

    samples, per_agent = [], {name: [] for name in args.agents}
    try:
        for _ in range(args.cycles):
            for verb in ("drain", "undrain"):
                for name, seconds in change(args, verb).items():
                    samples.append(seconds * 1000)
                    per_agent[name].append(seconds * 1000)
    except (RuntimeError, subprocess.TimeoutExpired, ValueError, KeyError) as e:
        print(json.dumps({"error": str(e)}))
        return 1
    print(json.dumps({
        "changes": 2 * args.cycles,
        "samples": len(samples),
        "p50_ms": round(percentile(samples, 50), 1),
        "p99_ms": round(percentile(samples, 99), 1),
        "max_ms": round(max(samples), 1),
        "per_agent_ms": {n: round(percentile(v, 50), 1) for n, v in per_agent.items()},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
