/**
 * Where every message sent on a link went: received at the other end, dropped with a reason, or
 * still in flight. Three independent sources: the sender socket's `sent` counter, the link's
 * counters (bumped on a matched receive), and the correlator's ledger of what is still owed or
 * left without a receive. For a sending socket with one link, `sent = received + dropped +
 * inFlight` must hold exactly; the soak bench checks it (bench/soak.ts, GET /api/accounts).
 */
import type { GraphDoc } from "@zmqp/protocol";
import type { Correlator } from "./correlate.js";
import type { CounterStore } from "./counters.js";
import { socketKey } from "./sockets/registry.js";

/** Drop reasons the engine counts for a message zeromq had already taken (others: never sent). */
const AFTER_SEND = ["hwm", "no-subscriber", "unroutable"] as const;

export interface LinkAccount {
  link: string;
  direction: "forward" | "backward";
  /** `node.socket` that sent in this direction. */
  from: string;
  sent: number;
  received: number;
  dropped: Record<string, number>;
  inFlight: number;
  /** sent − received − dropped − inFlight: 0 when every message is accounted for. */
  unaccounted: number;
  /** False when the sender has other links too (its sends cannot be split by link). */
  exact: boolean;
}

export function accounts(
  store: CounterStore,
  correlator: Correlator,
  doc: GraphDoc | null,
): LinkAccount[] {
  if (!doc) return [];
  const counters = store.snapshot();
  const linksOf = new Map<string, number>();
  for (const l of doc.links)
    for (const end of [l.from, l.to]) {
      const k = socketKey(end.node, end.socket);
      linksOf.set(k, (linksOf.get(k) ?? 0) + 1);
    }
  const out: LinkAccount[] = [];
  for (const l of doc.links) {
    for (const direction of ["forward", "backward"] as const) {
      const sender = direction === "forward" ? l.from : l.to;
      const key = socketKey(sender.node, sender.socket);
      const node = counters.nodes[sender.node];
      const sent = node?.sockets[sender.socket]?.sent ?? 0;
      if (sent === 0) continue;
      const received = counters.links[l.id]?.[direction] ?? 0;
      const ledger = correlator.ledger(key);
      const dropped: Record<string, number> = {};
      for (const reason of AFTER_SEND) {
        const n = node?.dropReasons[reason] ?? 0;
        if (n > 0) dropped[reason] = n;
      }
      for (const [reason, n] of Object.entries(ledger.settled)) if (n > 0) dropped[reason] = n;
      const droppedSum = Object.values(dropped).reduce((a, b) => a + b, 0);
      out.push({
        link: l.id,
        direction,
        from: `${sender.node}.${sender.socket}`,
        sent,
        received,
        dropped,
        inFlight: ledger.inFlight,
        unaccounted: sent - received - droppedSum - ledger.inFlight,
        exact: linksOf.get(key) === 1,
      });
    }
  }
  return out;
}
