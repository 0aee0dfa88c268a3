/** `run_all.py`: starts every exported Python program, plays the timeline, stops them all. */
import type { ExportPlan } from "../plan.js";
import { READY_WAIT_S, STOP_GRACE_S } from "../launcher-timing.js";
import { py, str } from "../text.js";

export function pythonLauncher(plan: ExportPlan, graph: string): string {
  const programs = Object.fromEntries(plan.exported.map((n) => [n.node.id, `nodes/${n.file}.py`]));
  const external = plan.exported.filter((n) => n.external).map((n) => n.node.id);
  const timeline = plan.timeline.map((s) => [
    s.atMs,
    s.action,
    s.node ?? s.link ?? "",
    s.payload ?? null,
    s.note ?? null,
  ]);
  return `#!/usr/bin/env python3
"""Runs every program of this export together, as the playground ran the graph ${str(graph)}.

    python3 run_all.py [--duration S] [--quiet] [--with-external]

It starts the programs in the playground's order (nodes that bind first), each once the one
before says it is ready, plays the graph's timeline, and stops them all on Ctrl-C or after S
seconds. Each program's output is shown with its name in front; at the end one JSON line sums
up every program's counters ({"type": "summary", "nodes": {...}}).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = ${py(programs)}
# Started at once, in two waves as the playground orders them: the nodes that bind, then the
# others, which then connect at once. Nodes not listed wait for a timeline step.
WAVES = ${py(plan.waves)}
EXTERNAL = ${py(external)}  # outside programs: started only with --with-external
# The graph's timeline: (ms after the start, action, node or link, payload, note).
TIMELINE = ${py(timeline)}
READY_WAIT_S = ${READY_WAIT_S}  # for a program's ready line after it starts
STOP_GRACE_S = ${STOP_GRACE_S}  # for a program asked to stop, before it is killed
# How each action is done to a separate program (cut and restore have no counterpart).
SIGNALS = {"stop": signal.SIGINT, "kill": signal.SIGKILL, "pause": signal.SIGSTOP, "resume": signal.SIGCONT}


_output = threading.Lock()


def say(line):
    with _output:  # one whole line at a time, whichever program it comes from
        print(line, flush=True)


class Program:
    """One node's program: started, signalled, its output relayed and its counters kept."""

    def __init__(self, node, quiet):
        self.node, self.quiet = node, quiet
        self.proc = None
        self.ready = threading.Event()
        self.runs = []  # the counters each run printed as it ended
        self.lost = False  # killed: that run's counters died with it
        self.paused = False
        self.up_since = None
        self.ran = 0.0  # seconds it ran, from each ready line to its end

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self):
        self.spawn()
        self.wait_ready()

    def spawn(self):
        if self.running():
            return
        # Its own process group: Ctrl-C reaches only this launcher, which then stops each program
        # once. ZMQP_STOP_ON_EOF: a program whose stdin closes (this launcher died) stops too.
        env = dict(os.environ, PYTHONUNBUFFERED="1", ZMQP_STOP_ON_EOF="1")
        self.ready.clear()
        self.proc = subprocess.Popen(
            [sys.executable, PROGRAMS[self.node]],
            cwd=HERE,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.reader = threading.Thread(target=self.relay, args=(self.proc,), daemon=True)
        self.reader.start()

    def wait_ready(self):
        if self.proc is not None and not self.ready.wait(READY_WAIT_S):
            print(f"{self.node} did not say it was ready within {READY_WAIT_S} s", file=sys.stderr)

    def relay(self, proc):
        for line in proc.stdout:
            line = line.rstrip("\\n")
            if line.startswith('{"node":'):
                self.runs.append(json.loads(line))
                continue
            if not self.ready.is_set():
                self.up_since = time.monotonic()  # its ready line: it runs from now
                self.ready.set()
            if not self.quiet:
                say(f"{self.node} | {line}")
        if self.up_since is not None:
            self.ran += time.monotonic() - self.up_since
            self.up_since = None
        self.ready.set()  # it ended, ready or not

    def signal(self, sig):
        if self.running():
            self.proc.send_signal(sig)
            if sig in (signal.SIGSTOP, signal.SIGCONT):
                self.paused = sig == signal.SIGSTOP

    def ask_to_stop(self, killed=False):
        if self.running():
            self.signal(signal.SIGKILL if killed else signal.SIGINT)
            if self.paused:
                self.signal(signal.SIGCONT)  # a paused program must run to stop
            self.lost = self.lost or killed

    def wait(self):
        if self.proc is None:
            return
        try:
            self.proc.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            # Said, and marked lost: a summary without its counters must not read as a clean run.
            lost = f"{self.node} did not stop within {STOP_GRACE_S} s: killed, its counters are lost"
            print(lost, file=sys.stderr)
            self.lost = True
            self.proc.kill()
            self.proc.wait()
        self.reader.join(5)  # its last line, the counters, is read

    def stop(self, killed=False):
        self.ask_to_stop(killed)
        self.wait()

    def type(self, payload):
        """A "send now": one line on its stdin (JSON, so any payload fits on one line)."""
        if self.running():
            self.proc.stdin.write((json.dumps(payload) if payload else "") + "\\n")
            self.proc.stdin.flush()


def summary(programs, started):
    nodes = {}
    for p in programs.values():
        if not p.runs and not p.lost and p.proc is None:
            continue
        total = {"sent": 0, "received": 0, "runs": len(p.runs), "ranMs": round(p.ran * 1000)}
        for run in p.runs:
            total["sent"] += run["sent"]
            total["received"] += run["received"]
            for peer, c in run.get("peers", {}).items():
                mine = total.setdefault("peers", {}).setdefault(peer, {"sent": 0, "received": 0})
                mine["sent"] += c["sent"]
                mine["received"] += c["received"]
        if p.lost:
            total["lost"] = True
        nodes[p.node] = total
    return {"type": "summary", "nodes": nodes, "durationMs": round((time.monotonic() - started) * 1000)}


def play(step, programs):
    at, action, target, payload, note = step
    if action in ("cut", "restore"):
        say(f"timeline: {action} {target}: a playground fault, not reproduced here")
        return
    p = programs.get(target)
    if p is None:
        return
    say(f"timeline: {action} {target}" + (f" ({note})" if note else ""))
    if action == "start":
        p.start()
    elif action == "restart":
        p.stop()
        p.start()
    elif action == "send":
        p.type(payload)
    elif action in ("stop", "kill"):
        p.stop(killed=action == "kill")
    else:
        p.signal(SIGNALS[action])


def interrupt(*_):
    raise KeyboardInterrupt  # SIGTERM stops everything the way Ctrl-C does


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    parser.add_argument("--duration", type=float, metavar="S", help="stop everything after S seconds")
    parser.add_argument("--quiet", action="store_true", help="show only the summary")
    parser.add_argument("--with-external", action="store_true", help="also start the external nodes")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, interrupt)  # set, not assumed: it may have been started ignoring it
    signal.signal(signal.SIGTERM, interrupt)
    programs = {node: Program(node, args.quiet) for node in PROGRAMS}
    started = time.monotonic()
    try:
        for wave in WAVES + ([EXTERNAL] if args.with_external else []):
            for node in wave:
                programs[node].spawn()
            for node in wave:
                programs[node].wait_ready()
        started = time.monotonic()  # the timeline counts from here, as the playground's does
        end = started + args.duration if args.duration else None
        steps = sorted(TIMELINE, key=lambda s: s[0])
        while True:
            now = time.monotonic()
            if steps and now >= started + steps[0][0] / 1000:
                play(steps.pop(0), programs)
                continue
            wake = [t for t in (end, steps and started + steps[0][0] / 1000) if t]
            if end and now >= end:
                break
            time.sleep(min(0.2, max(0, min(wake) - now)) if wake else 0.2)
    except KeyboardInterrupt:
        pass
    finally:
        # All at once, so every program's counters cover the same time.
        for p in programs.values():
            p.ask_to_stop()
        for p in programs.values():
            p.wait()
        say(json.dumps(summary(programs, started)))


if __name__ == "__main__":
    main()
`;
}
