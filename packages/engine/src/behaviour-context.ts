/**
 * The context a behaviour gets (behaviours/types.ts): its node and params, the node's timers and
 * status, and its sockets, every send through the one message path.
 */
import type { GraphNode, MessageKind, NodeStatus, SocketStatus } from "@zmqp/protocol";
import type { BehaviourContext } from "./behaviours/types.js";
import type { Core } from "./core.js";
import { LazyMessage } from "./frames.js";
import type { NodeSockets } from "./node-sockets.js";
import { errorText, setDetail, spoken } from "./say.js";
import type { NodeTimers } from "./timers.js";

/** What a behaviour's context reads of its node runner (node-runner.ts). */
export interface ContextHost {
  readonly core: Core;
  readonly node: GraphNode;
  readonly status: NodeStatus;
  readonly timers: NodeTimers;
  readonly sockets: NodeSockets;
  /** False from the first moment of a stop: woken sleepers must not send any more. */
  readonly alive: boolean;
  emitStatus(): void;
  reopen(socket: string): Promise<void>;
}

/** Buffers as they are; strings encoded. No new array when every frame is a Buffer already. */
function asBuffers(frames: (Buffer | string)[]): Buffer[] {
  for (const f of frames) if (typeof f === "string") return frames.map((x) => Buffer.from(x));
  return frames as Buffer[];
}

export function makeContext<P>(host: ContextHost, params: P): BehaviourContext<P> {
  const { core, node, status } = host;
  const { state, counters, path } = core;
  const entries = host.sockets.entries;
  const running = () => host.alive && (status.state === "running" || status.state === "paused");
  const sock = (id: string) => node.sockets.find((s) => s.id === id);
  const emit = state.emit.bind(state);
  /** Prefixes each XSUB has sent upstream (ctx.subscribe), counted; this run's only. */
  const upstream = new Map<string, Map<string, number>>();
  return {
    node,
    params,
    now: () => state.now(),
    heldFor: () =>
      state.step.pending > 0 ? Infinity : Math.max(0, ...state.topology.latency.values()),
    send(socket, frames, kind, dropReason) {
      const entry = entries.get(socket);
      if (!entry || !running()) return Promise.resolve(false);
      return path.send(entry, asBuffers(frames), kind, dropReason);
    },
    subscribe(socket, prefix, on) {
      const entry = entries.get(socket);
      if (!entry || !running()) return Promise.resolve(false);
      const held = upstream.get(socket) ?? new Map<string, number>();
      upstream.set(socket, held);
      const key = prefix.toString();
      const count = (held.get(key) ?? 0) + (on ? 1 : -1);
      if (count > 0) held.set(key, count);
      else held.delete(key);
      core.correlator.setFilters(entry.key, [...held.keys()]);
      const frame = Buffer.concat([Buffer.from([on ? 1 : 0]), prefix]);
      return core.registry.send(entry, [frame]).then(
        () => true,
        () => false,
      );
    },
    every: (ms, fn) => host.timers.every(ms, fn),
    after: (ms, fn) => host.timers.after(ms, fn),
    sleep: (ms) => host.timers.sleep(ms),
    running,
    setActivity(activity, detail) {
      if (activity) status.activity = activity;
      else delete status.activity;
      setDetail(status, detail);
      host.emitStatus();
    },
    setDetail(detail) {
      setDetail(status, detail);
      host.emitStatus();
    },
    error(code, message, socket) {
      counters.error(node.id, socket);
      emit({
        type: "error",
        t: state.now(),
        node: node.id,
        ...(socket ? { socket } : {}),
        code,
        ...errorText(message),
      });
    },
    drop(socket, reason, count = 1) {
      counters.dropped(node.id, socket, reason, count);
      emit({ type: "drop", t: state.now(), node: node.id, socket, reason, count });
    },
    log(text, level = "info") {
      emit({ type: "log", t: state.now(), level, node: node.id, ...spoken(text) });
    },
    reopen: (socket) => host.reopen(socket),
    connectAddresses: (socket) => state.topology.dialable(node.id, socket).map((d) => d.address),
    connectLinks: (socket) => state.topology.dialable(node.id, socket),
    bindAddresses: (socket) => (sock(socket)?.bind ?? []).map((a) => core.resolveAddress(a)),
    report: {
      message(socket, direction, frames, kind: MessageKind, link = null) {
        const type = sock(socket)?.type ?? "TCP";
        if (direction === "out") {
          counters.sent(node.id, socket);
          // Raw TCP bytes reach a STREAM socket with no ZeroMQ sender to match them against, so
          // the link counts them as they are written: the link's forward count matches ↑.
          if (link && type === "TCP") counters.crossed(link, true);
        } else counters.received(node.id, socket, null, link, false);
        const event = new LazyMessage(
          state.now(),
          state.nextId(),
          node.id,
          socket,
          direction,
          kind,
          link,
          type,
          frames,
        );
        if (direction === "in" && !link) event.external = true;
        emit(event);
      },
      monitor(socket, event, address, detail) {
        emit({
          type: "monitor",
          t: state.now(),
          node: node.id,
          socket,
          event,
          ...(address ? { address } : {}),
          ...(detail ? { detail } : {}),
        });
      },
      socketStatus(socket, patch: Partial<SocketStatus>) {
        const s = status.sockets[socket];
        if (!s) return;
        Object.assign(s, patch);
        host.emitStatus();
      },
    },
  };
}
