/** Builds the context a behaviour gets (see behaviours/types.ts) from its node runner. */
import type { MessageKind, SocketStatus } from "@zmqp/protocol";
import type { BehaviourContext } from "./behaviours/types.js";
import { LazyMessage } from "./frames.js";
import type { NodeRunner } from "./node-runner.js";
import { errorText, setDetail, spoken } from "./say.js";

const toBuffer = (f: Buffer | string) => (typeof f === "string" ? Buffer.from(f) : f);

export function makeContext<P>(runner: NodeRunner, params: P): BehaviourContext<P> {
  const core = runner.core;
  const node = runner.node;
  const running = () =>
    runner.alive && (runner.status.state === "running" || runner.status.state === "paused");
  const sock = (id: string) => node.sockets.find((s) => s.id === id);
  /** Prefixes each XSUB has sent upstream (ctx.subscribe), counted; this run's only. */
  const upstream = new Map<string, Map<string, number>>();
  return {
    node,
    params,
    now: () => core.now(),
    send(socket, frames, kind, dropReason) {
      const entry = runner.entries.get(socket);
      if (!entry || !running()) return Promise.resolve(false);
      return core.send(entry, frames.map(toBuffer), kind, dropReason);
    },
    subscribe(socket, prefix, on) {
      const entry = runner.entries.get(socket);
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
    every: (ms, fn) => runner.timers.every(ms, fn),
    after: (ms, fn) => runner.timers.after(ms, fn),
    sleep: (ms) => runner.timers.sleep(ms),
    running,
    setActivity(activity, detail) {
      if (activity) runner.status.activity = activity;
      else delete runner.status.activity;
      setDetail(runner.status, detail);
      runner.emitStatus();
    },
    setDetail(detail) {
      setDetail(runner.status, detail);
      runner.emitStatus();
    },
    error(code, message, socket) {
      core.counters.error(node.id, socket);
      core.emit({
        type: "error",
        t: core.now(),
        node: node.id,
        ...(socket ? { socket } : {}),
        code,
        ...errorText(message),
      });
    },
    drop(socket, reason, count = 1) {
      core.counters.dropped(node.id, socket, reason, count);
      core.emit({ type: "drop", t: core.now(), node: node.id, socket, reason, count });
    },
    log(text, level = "info") {
      core.emit({ type: "log", t: core.now(), level, node: node.id, ...spoken(text) });
    },
    reopen: (socket) => runner.reopen(socket),
    connectAddresses(socket) {
      return (core.doc?.links ?? [])
        .filter((l) => l.from.node === node.id && l.from.socket === socket)
        .filter((l) => !core.links.cut.has(l.id))
        .map((l) => core.linkAddress(l))
        .filter((a): a is string => a !== null);
    },
    connectLinks(socket) {
      return (core.doc?.links ?? [])
        .filter((l) => l.from.node === node.id && l.from.socket === socket)
        .filter((l) => !core.links.cut.has(l.id))
        .flatMap((l) => {
          const address = core.linkAddress(l);
          return address ? [{ link: l.id, address }] : [];
        });
    },
    bindAddresses: (socket) => (sock(socket)?.bind ?? []).map((a) => core.resolveAddress(a)),
    report: {
      message(socket, direction, frames, kind: MessageKind, link = null) {
        const type = sock(socket)?.type ?? "TCP";
        if (direction === "out") {
          core.counters.sent(node.id, socket);
          // Raw TCP bytes reach a STREAM socket with no ZeroMQ sender to match them against, so
          // the link counts them as they are written: the link's forward count matches ↑.
          if (link && type === "TCP") core.counters.crossed(link, true);
        } else core.counters.received(node.id, socket, null, link, false);
        const event = new LazyMessage(
          { t: core.now(), id: core.nextId(), node: node.id, socket, direction, kind, link },
          type,
          frames,
        );
        if (direction === "in" && !link) event.external = true;
        core.emit(event);
      },
      monitor(socket, event, address, detail) {
        core.emit({
          type: "monitor",
          t: core.now(),
          node: node.id,
          socket,
          event,
          ...(address ? { address } : {}),
          ...(detail ? { detail } : {}),
        });
      },
      socketStatus(socket, patch: Partial<SocketStatus>) {
        const s = runner.status.sockets[socket];
        if (!s) return;
        Object.assign(s, patch);
        runner.emitStatus();
      },
    },
  };
}
