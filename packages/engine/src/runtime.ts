/**
 * createRuntime: a graph document in, real zeromq sockets up, typed events out (see api.ts).
 * Deploys, stops, actions and timeline steps run one at a time, in call order: this is the one
 * serial queue between a caller (the gateway's tabs, the CLI, a test) and the sockets.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  diffDocs,
  localized,
  phrase,
  type GraphDoc,
  type LocalizedText,
  type NodeAction,
  type RuntimeSnapshot,
} from "@zmqp/protocol";
import { spoken, type Said } from "./say.js";
import { accounts } from "./accounts.js";
import { applyLinkAction, applyNodeAction } from "./actions.js";
import type { DeployResult, Runtime, RuntimeOptions } from "./api.js";
import { realClock } from "./clock.js";
import { Core } from "./core.js";
import { NodeRunner } from "./node-runner.js";
import { applyOutside } from "./outside-peers.js";
import { startFailures } from "./start-failures.js";
import { TimelinePlayer } from "./timeline.js";
import { runtimeWireHost } from "./wire/host.js";
import { WireInspector } from "./wire/inspector.js";

const DONE = Promise.resolve();

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const clock = options.clock ?? realClock;
  const ownIpcDir = !options.ipcDir;
  const ipcDir = options.ipcDir ?? mkdtempSync(path.join(tmpdir(), "zmqp-ipc-"));
  mkdirSync(ipcDir, { recursive: true });
  const core = new Core(clock, {
    sendTimeoutMs: options.sendTimeoutMs ?? 2000,
    ipcDir,
    allowExternal: options.allowExternal ?? false,
  });
  const state = core.state;
  const runners = new Map<string, NodeRunner>();
  core.outside = (node, socket, ev) => {
    const r = runners.get(node);
    if (r) applyOutside(core, r, socket, ev);
  };
  const timeline = new TimelinePlayer(clock);
  const wire = new WireInspector(runtimeWireHost(core, runners));
  state.watched = () => wire.watched();
  const emitControl = () => state.emitControl();
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after everything queued before it. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn);
    chain = p.catch(() => undefined);
    return p;
  };

  const log = (text: Said, node?: string, level: "info" | "warn" = "info") =>
    state.emit({ type: "log", t: state.now(), level, ...spoken(text), ...(node ? { node } : {}) });
  /** A timeline note, in every language the document gives it. */
  const note = (text: LocalizedText, node?: string) =>
    state.emit({
      type: "log",
      t: state.now(),
      level: "info",
      text: localized(text) ?? "",
      ...(typeof text === "object" ? { texts: text } : {}),
      ...(node ? { node } : {}),
    });

  const doNodeAction = (id: string, action: NodeAction, payload?: string) =>
    applyNodeAction(runners, log, id, action, payload);

  /** Not async: the behaviour's own promise, if any, is handed back as is (one promise less). */
  function sendNow(id: string, payload?: string): Promise<void> {
    const r = runners.get(id);
    if (!r) return doNodeAction(id, "send", payload);
    try {
      const p = r.sendNow(payload);
      return p instanceof Promise ? p : DONE;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  const doLinkAction = async (id: string, action: "cut" | "restore", latencyMs?: number) =>
    applyLinkAction(core, runners, log, emitControl, id, action, latencyMs);

  function playTimeline(doc: GraphDoc) {
    timeline.play(doc.timeline, (step, index) => {
      state.emit({ type: "timeline", t: state.now(), index, step });
      if (step.note) note(step.note, step.node);
      exclusive(async () => {
        if (step.action === "cut" || step.action === "restore") {
          if (step.link) await doLinkAction(step.link, step.action);
        } else if (step.node) await doNodeAction(step.node, step.action, step.payload);
      }).catch((err: Error) =>
        log(phrase("note.stepFailed", { index, message: err.message }), step.node, "warn"),
      );
    });
  }

  async function doStop() {
    timeline.cancel();
    await wire.closeAll();
    core.queues.stop();
    const all = [...runners.values()];
    runners.clear();
    for (const r of all) await r.stop();
    state.step.reset();
    core.registry.closeAll();
    // The ipc files this run's binds made: a stopped graph leaves nothing in the sandbox.
    emptyFolder(ipcDir);
    core.correlator.clear();
    state.stopped();
  }

  async function doDeploy(next: GraphDoc): Promise<DeployResult> {
    if (closed) throw new Error("runtime is closed");
    const prev = state.topology.doc;
    const diff = diffDocs(prev, next);
    for (const id of [...diff.removed, ...diff.restarted]) {
      await runners.get(id)?.stop();
      runners.delete(id);
    }
    if (!prev) core.counters.reset();
    const topology = state.deploy(next);
    const linkIds = topology.linkIds();
    core.counters.retain(topology.nodeIds(), linkIds);
    await wire.retain(linkIds);
    core.correlator.setTopology(topology.socketPairs());
    for (const id of diff.kept) {
      const r = runners.get(id);
      const node = topology.node(id);
      if (r && node) r.node = node;
    }
    // Binding nodes first: connects then find their peer at once instead of after a retry.
    const fresh = next.nodes
      .filter((n) => diff.added.includes(n.id) || diff.restarted.includes(n.id))
      .sort((a, b) => Number(binds(b)) - Number(binds(a)));
    for (const node of fresh) {
      const r = new NodeRunner(core, node);
      runners.set(node.id, r);
      if (node.autostart) await r.start();
      else r.setState("stopped", phrase("detail.waitingStart"));
    }
    state.running(next, !prev);
    if (!prev) state.tick(() => core.counters.snapshot());
    core.queues.start();
    // What failed while starting (a bind in use) is in the answer, per node, with its code.
    const failures = fresh.flatMap((n) => startFailures(runners.get(n.id)));
    if (!prev || JSON.stringify(prev.timeline) !== JSON.stringify(next.timeline))
      playTimeline(next);
    return { ok: true, deployId: state.deployId, diagnostics: failures, changed: diff };
  }

  return {
    on(listener) {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    deploy: (doc) => exclusive(() => doDeploy(doc)),
    stop: () => exclusive(doStop),
    // "Send now" skips the queue: it changes no sockets, and it may come thousands of times a second.
    nodeAction: (node, action, payload) =>
      action === "send"
        ? sendNow(node, payload)
        : exclusive(() => doNodeAction(node, action, payload)),
    linkAction: (link, action, latencyMs) => exclusive(() => doLinkAction(link, action, latencyMs)),
    step(action) {
      if (action === "hold") state.step.hold();
      else if (action === "next") state.step.next();
      else state.step.release();
      log(
        phrase(
          action === "hold"
            ? "note.stepHold"
            : action === "next"
              ? "note.stepNext"
              : "note.stepRelease",
        ),
      );
    },
    watchLink: (link) => exclusive(() => wire.watch(link).finally(emitControl)),
    unwatchLink: (link) => exclusive(() => wire.unwatch(link).finally(emitControl)),
    capturePcap: (link) => wire.pcap(link),
    setSpeed(factor) {
      state.speed = Math.min(10, Math.max(0.1, factor));
      for (const r of runners.values()) r.timers.respeed();
      emitControl();
    },
    counters: () => core.counters.snapshot(),
    accounts: () => accounts(core.counters, core.correlator, state.topology.doc),
    queue: (link, from) => core.queues.listing(link, from),
    snapshot(): RuntimeSnapshot {
      const doc = state.topology.doc;
      return {
        state: doc ? "running" : "idle",
        deployId: state.deployId,
        doc,
        nodes: Object.fromEntries(
          [...runners.values()].map((r) => [r.id, structuredClone(r.status)]),
        ),
        counters: core.counters.snapshot(),
        ...state.controls(),
        queues: core.queues.last,
        pipes: core.queues.pipeStates(),
      };
    },
    async close() {
      if (closed) return;
      await exclusive(doStop);
      closed = true;
      state.listeners.clear();
      if (ownIpcDir) rmSync(ipcDir, { recursive: true, force: true });
    },
  };
}

const binds = (n: GraphDoc["nodes"][number]) => n.sockets.some((s) => s.bind.length > 0);

function emptyFolder(dir: string): void {
  try {
    for (const f of readdirSync(dir)) rmSync(path.join(dir, f), { recursive: true, force: true });
  } catch {
    // already gone
  }
}
