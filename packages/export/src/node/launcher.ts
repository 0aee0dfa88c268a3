/** `run-all.mjs`: starts every exported zeromq.js program, plays the timeline, stops them all. */
import type { ExportPlan } from "../plan.js";
import { READY_WAIT_S, STOP_GRACE_S } from "../launcher-timing.js";
import { js, str } from "../text.js";

export function nodeLauncher(plan: ExportPlan, graph: string): string {
  const programs = Object.fromEntries(plan.exported.map((n) => [n.node.id, `nodes/${n.file}.mjs`]));
  const external = plan.exported.filter((n) => n.external).map((n) => n.node.id);
  const timeline = plan.timeline.map((s) => [
    s.atMs,
    s.action,
    s.node ?? s.link ?? "",
    s.payload ?? null,
    s.note ?? null,
  ]);
  return `#!/usr/bin/env node
// Runs every program of this export together, as the playground ran the graph ${str(graph)}.
//
//     node run-all.mjs [--duration S] [--quiet] [--with-external]
//
// It starts the programs in the playground's order (nodes that bind first), each once the one
// before says it is ready, plays the graph's timeline, and stops them all on Ctrl-C or after S
// seconds. Each program's output is shown with its name in front; at the end one JSON line sums
// up every program's counters ({"type": "summary", "nodes": {...}}).
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = dirname(fileURLToPath(import.meta.url));
const PROGRAMS = ${js(programs)};
// Started at once, in two waves as the playground orders them: the nodes that bind, then the
// others, which then connect at once. Nodes not listed wait for a timeline step.
const WAVES = ${js(plan.waves)};
const EXTERNAL = ${js(external)}; // outside programs: started only with --with-external
// The graph's timeline: [ms after the start, action, node or link, payload, note].
const TIMELINE = ${js(timeline)};
const READY_WAIT_S = ${READY_WAIT_S}; // for a program's ready line after it starts
const STOP_GRACE_S = ${STOP_GRACE_S}; // for a program asked to stop, before it is killed
// How each action is done to a separate program (cut and restore have no counterpart).
const SIGNALS = { stop: "SIGINT", kill: "SIGKILL", pause: "SIGSTOP", resume: "SIGCONT" };

const { values: args } = parseArgs({
  options: {
    duration: { type: "string" },
    quiet: { type: "boolean", default: false },
    "with-external": { type: "boolean", default: false },
  },
});

/** One node's program: started, signalled, its output relayed and its counters kept. */
class Program {
  constructor(node) {
    this.node = node;
    this.child = null;
    this.runs = []; // the counters each run printed as it ended
    this.lost = false; // killed: that run's counters died with it
    this.paused = false;
    this.upSince = null;
    this.ran = 0; // ms it ran, from each ready line to its end
  }

  get running() {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the program says it is ready (its first line), or ends. */
  start() {
    if (this.running) return Promise.resolve();
    // Its own process group: Ctrl-C reaches only this launcher, which then stops each program
    // once. ZMQP_STOP_ON_EOF: a program whose stdin closes (this launcher died) stops too.
    const child = spawn(process.execPath, [PROGRAMS[this.node]], {
      cwd: HERE,
      env: { ...process.env, ZMQP_STOP_ON_EOF: "1" },
      stdio: ["pipe", "pipe", "inherit"],
      detached: true,
    });
    this.child = child;
    child.stdin.on("error", () => {}); // it may end before it reads what we type
    this.ended = new Promise((resolve) => child.on("close", resolve));
    child.on("close", () => {
      if (this.upSince !== null) this.ran += Date.now() - this.upSince;
      this.upSince = null;
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        console.error(\`\${this.node} did not say it was ready within \${READY_WAIT_S} s\`);
        resolve();
      }, READY_WAIT_S * 1000);
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      child.on("close", ready);
      createInterface({ input: child.stdout }).on("line", (line) => {
        if (line.startsWith('{"node":')) return void this.runs.push(JSON.parse(line));
        this.upSince ??= Date.now(); // its ready line: it runs from now
        ready();
        if (!args.quiet) console.log(\`\${this.node} | \${line}\`);
      });
    });
  }

  signal(name) {
    if (!this.running) return;
    this.child.kill(name);
    if (name === "SIGSTOP" || name === "SIGCONT") this.paused = name === "SIGSTOP";
  }

  askToStop(killed = false) {
    if (!this.running) return;
    this.signal(killed ? "SIGKILL" : "SIGINT");
    if (this.paused) this.signal("SIGCONT"); // a paused program must run to stop
    this.lost ||= killed;
  }

  /** Waits for it to end (STOP_GRACE_S at most, then kills it); its last line, the counters, is read. */
  async wait() {
    if (!this.child) return;
    const timer = setTimeout(() => {
      // Said, and marked lost: a summary without its counters must not read as a clean run.
      console.error(\`\${this.node} did not stop within \${STOP_GRACE_S} s: killed, its counters are lost\`);
      this.lost = true;
      this.signal("SIGKILL");
    }, STOP_GRACE_S * 1000);
    await this.ended;
    clearTimeout(timer);
  }

  async stop(killed = false) {
    this.askToStop(killed);
    await this.wait();
  }

  /** A "send now": one line on its stdin (JSON, so any payload fits on one line). */
  type(payload) {
    if (this.running) this.child.stdin.write(\`\${payload ? JSON.stringify(payload) : ""}\\n\`);
  }
}

function summary(programs, started) {
  const nodes = {};
  for (const p of Object.values(programs)) {
    if (!p.child) continue;
    const total = { sent: 0, received: 0, runs: p.runs.length, ranMs: p.ran };
    for (const run of p.runs) {
      total.sent += run.sent;
      total.received += run.received;
      for (const [peer, c] of Object.entries(run.peers ?? {})) {
        total.peers ??= {};
        const mine = (total.peers[peer] ??= { sent: 0, received: 0 });
        mine.sent += c.sent;
        mine.received += c.received;
      }
    }
    if (p.lost) total.lost = true;
    nodes[p.node] = total;
  }
  return { type: "summary", nodes, durationMs: Date.now() - started };
}

async function play([, action, target, payload, note], programs) {
  if (action === "cut" || action === "restore")
    return console.log(\`timeline: \${action} \${target}: a playground fault, not reproduced here\`);
  const p = programs[target];
  if (!p) return;
  console.log(\`timeline: \${action} \${target}\${note ? \` (\${note})\` : ""}\`);
  if (action === "start") await p.start();
  else if (action === "restart") {
    await p.stop();
    await p.start();
  } else if (action === "send") p.type(payload);
  else if (action === "stop" || action === "kill") await p.stop(action === "kill");
  else p.signal(SIGNALS[action]);
}

const programs = Object.fromEntries(Object.keys(PROGRAMS).map((n) => [n, new Program(n)]));
let stopping = false;
let started = Date.now();

async function finish() {
  if (stopping) return;
  stopping = true;
  // All at once, so every program's counters cover the same time.
  for (const p of Object.values(programs)) p.askToStop();
  await Promise.all(Object.values(programs).map((p) => p.wait()));
  console.log(JSON.stringify(summary(programs, started)));
  process.exit(0);
}
process.on("SIGINT", () => void finish());
process.on("SIGTERM", () => void finish());

for (const wave of [...WAVES, ...(args["with-external"] ? [EXTERNAL] : [])])
  if (!stopping) await Promise.all(wave.map((node) => programs[node].start()));
started = Date.now(); // the timeline counts from here, as the playground's does
if (args.duration) setTimeout(() => void finish(), Number(args.duration) * 1000);
// Steps one after the other, each at its time: a restart finishes before the next step.
let chain = Promise.resolve();
for (const step of TIMELINE)
  setTimeout(() => (chain = chain.then(() => !stopping && play(step, programs))), step[0]);
`;
}
