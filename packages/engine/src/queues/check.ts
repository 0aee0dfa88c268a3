/**
 * Test support for the queue gauges: checks every `queues` event, as it is emitted, against the
 * counters of the same instant. Per sending socket, what its lanes hold must be exactly what it
 * sent minus what its links delivered minus what it dropped after zeromq took it.
 */
import type { LinkQueue, RuntimeEvent } from "@zmqp/protocol";
import type { Runtime } from "../api.js";

type QueuesEvent = Extract<RuntimeEvent, { type: "queues" }>;

export interface Sample {
  event: QueuesEvent;
  /** Sending socket `node.socket` → [in flight + lost on its lanes, sent − received − dropped]. */
  bySender: Record<string, [number, number]>;
}

export function watchQueues(rt: Runtime): { samples: Sample[]; mismatches: Sample[] } {
  const samples: Sample[] = [];
  const mismatches: Sample[] = [];
  rt.on((e) => {
    if (e.type !== "queues") return;
    const counters = rt.counters();
    const accounts = rt.accounts();
    const groups = new Map<string, LinkQueue[]>();
    for (const q of e.links) {
      const k = `${q.from.node}.${q.from.socket}`;
      groups.set(k, [...(groups.get(k) ?? []), q]);
    }
    const bySender: Sample["bySender"] = {};
    for (const [k, lanes] of groups) {
      const [node, socket] = k.split(".") as [string, string];
      const sent = counters.nodes[node]?.sockets[socket]?.sent ?? 0;
      let got = 0;
      for (const q of lanes) got += counters.links[q.link]?.[q.direction] ?? 0;
      const account = accounts.find((a) => a.from === k);
      const dropped = Object.values(account?.dropped ?? {}).reduce((a, b) => a + b, 0);
      const held = lanes.reduce((n, q) => n + q.inFlight + (q.lost ?? 0), 0);
      bySender[k] = [held, sent - got - dropped];
    }
    const s = { event: e, bySender };
    samples.push(s);
    if (Object.values(bySender).some(([a, b]) => a !== b)) mismatches.push(s);
  });
  return { samples, mismatches };
}

export function lane(e: QueuesEvent | undefined, link: string): LinkQueue | undefined {
  return e?.links.find((q) => q.link === link);
}
