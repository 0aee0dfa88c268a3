/**
 * One node's life: start (open its sockets, run its behaviour), stop, kill, pause, resume, restart,
 * and "Send now". Its status is kept here and emitted on every change; its sockets are
 * node-sockets.ts, its behaviour's context behaviour-context.ts.
 */
import {
  codeForZmqError,
  phrase,
  parseParams,
  behaviourOf,
  type GraphNode,
  type NodeState,
  type NodeStatus,
} from "@zmqp/protocol";
import { makeContext } from "./behaviour-context.js";
import { BEHAVIOUR_SPECS } from "./behaviours/index.js";
import type { Behaviour, BehaviourSpec } from "./behaviours/types.js";
import type { Core } from "./core.js";
import { cloneStatus } from "./monitor.js";
import { freshSocketStatus, NodeSockets } from "./node-sockets.js";
import { setDetail, spoken, type Said } from "./say.js";
import { NodeTimers } from "./timers.js";

export class NodeRunner {
  readonly status: NodeStatus;
  readonly timers: NodeTimers;
  readonly sockets: NodeSockets;
  behaviour: Behaviour | null = null;
  private readonly spec: BehaviourSpec;
  /** Parsed once, with the behaviour's schema (defaults filled in); null when they are invalid. */
  private readonly params: Record<string, unknown> | null;
  /** Bumped on every start and stop, so late async work of an old run does nothing. */
  private run = 0;

  constructor(
    readonly core: Core,
    public node: GraphNode,
  ) {
    this.status = { state: "stopped", sockets: {} };
    for (const s of node.sockets) this.status.sockets[s.id] = freshSocketStatus(s);
    const state = core.state;
    this.timers = new NodeTimers(state.clock, () => state.speed);
    const key = behaviourOf(node.role);
    this.spec = BEHAVIOUR_SPECS[key] as BehaviourSpec;
    const params = parseParams(key, node.params);
    this.params = params.success ? (params.data as Record<string, unknown>) : null;
    this.sockets = new NodeSockets(core, this, this.spec, this.params ?? {});
  }

  get id() {
    return this.node.id;
  }

  get active(): boolean {
    return ["starting", "running", "paused"].includes(this.status.state);
  }

  /** False from the first moment of a stop: woken sleepers must not send any more. */
  alive = false;

  emitStatus() {
    this.core.state.emit({
      type: "status",
      t: this.core.state.now(),
      node: this.id,
      status: cloneStatus(this.status),
    });
  }

  setState(state: NodeState, detail?: Said) {
    this.status.state = state;
    setDetail(this.status, detail);
    if (state !== "running" && state !== "paused") delete this.status.activity;
    this.emitStatus();
  }

  async start(): Promise<void> {
    if (this.active) return;
    const run = ++this.run;
    this.alive = true;
    if (!this.params) {
      this.setState("error", phrase("detail.invalidParams"));
      return;
    }
    this.setState("starting");
    if (!this.spec.ownsSockets) {
      for (const s of this.node.sockets) {
        const ok = await this.sockets.open(s).catch((err: NodeJS.ErrnoException) => {
          // zeromq refused the socket itself (validation should have caught it): said, not thrown.
          this.core.path.socketError(this.id, s.id, err);
          const status = (this.status.sockets[s.id] ??= freshSocketStatus(s));
          status.error = { code: codeForZmqError(err.code), message: err.message };
          return false;
        });
        if (run !== this.run) return;
        if (!ok) {
          const error = this.status.sockets[s.id]?.error;
          await this.sockets.closeAll(false);
          this.setState(
            "error",
            error
              ? phrase("detail.socketError", {
                  error: phrase(`errors.${error.code}`),
                  message: error.message,
                })
              : phrase("detail.socketFailed"),
          );
          return;
        }
      }
    }
    this.behaviour = this.spec.create(makeContext(this, this.params));
    this.setState("running");
    this.sockets.receiveAll();
    try {
      await this.behaviour.start();
    } catch (err) {
      this.core.path.socketError(this.id, undefined, err as Error);
    }
  }

  /** Closes one socket and opens it again with the same links (Lazy Pirate). */
  async reopen(socketId: string): Promise<void> {
    const s = this.node.sockets.find((x) => x.id === socketId);
    if (s) await this.sockets.reopen(socketId, s);
  }

  /** stop: close the sockets; kill: the same, flushing nothing, shown as killed. */
  async stop(kind: "stopped" | "killed" = "stopped"): Promise<void> {
    this.run++;
    this.alive = false;
    this.timers.clear();
    const b = this.behaviour;
    this.behaviour = null;
    try {
      await b?.stop?.();
    } catch {
      // a behaviour failing to stop must not keep its sockets open
    }
    await this.sockets.closeAll(kind === "killed");
    for (const s of this.node.sockets) this.status.sockets[s.id] = freshSocketStatus(s);
    this.setState(kind);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  pause() {
    if (this.status.state !== "running") return;
    this.timers.pause();
    this.sockets.setPaused(true);
    this.setState("paused", phrase("detail.paused"));
  }

  resume() {
    if (this.status.state !== "paused") return;
    this.timers.resume();
    this.sockets.setPaused(false);
    this.setState("running");
  }

  /** Not async on purpose: "Send now" can come thousands of times a second (the bench). */
  sendNow(payload?: string): void | Promise<void> {
    if (this.status.state !== "running" || !this.behaviour?.sendNow) {
      const why =
        this.status.state !== "running" ? "note.cannotSendIdle" : "note.cannotSendReceiver";
      this.core.state.emit({
        type: "log",
        t: this.core.state.now(),
        level: "warn",
        node: this.id,
        ...spoken(phrase(why, { node: this.id })),
      });
      return;
    }
    return this.behaviour.sendNow(payload);
  }
}
