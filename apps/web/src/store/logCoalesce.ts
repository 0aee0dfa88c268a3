/**
 * While a peer is down a connecting socket reports connect:delay / connect:retry many times a
 * second. Repeats of the same socket event (same event, address and detail) fold into the row that
 * said it first, with a count (`connect:retry ×12`), as long as nothing else happened on that
 * socket in between: a message, a drop or an error breaks the run and starts a new row. A retry's
 * interval is jittered, so details that are the same phrase (`retry in … ms`) count as the same;
 * the row shows the newest one.
 */
import type { EventOf, RuntimeEvent } from "@zmqp/protocol";
import type { LogEntry } from "./runtimeSlice.js";

/** Rows searched back for the socket's last event. */
const LOOK_BACK = 60;
/** A cycle of up to this many distinct events (delay, retry, close…) still folds. */
const CYCLE = 4;

function socketOf(r: LogEntry): string | undefined {
  return "socket" in r && typeof r.socket === "string" ? r.socket : undefined;
}

type Monitor = EventOf<"monitor">;

function sameDetail(a: Monitor, b: Monitor): boolean {
  if (a.detailPhrase || b.detailPhrase) return a.detailPhrase?.key === b.detailPhrase?.key;
  return a.detail === b.detail;
}

/** Folds `e` into an earlier row of `rows` (replacing that row); false when it needs its own. */
export function coalesce(rows: LogEntry[], e: RuntimeEvent): boolean {
  if (e.type !== "monitor") return false;
  let distinct = 0;
  for (let i = rows.length - 1; i >= 0 && i >= rows.length - LOOK_BACK; i--) {
    const r = rows[i]!;
    if (!("node" in r) || r.node !== e.node || socketOf(r) !== e.socket) continue;
    if (r.type !== "monitor") return false;
    if (r.event === e.event && r.address === e.address && sameDetail(r, e)) {
      rows[i] = {
        ...r,
        detail: e.detail,
        detailPhrase: e.detailPhrase,
        repeat: (r.repeat ?? 1) + 1,
        lastT: e.t,
      };
      return true;
    }
    if (++distinct >= CYCLE) return false;
  }
  return false;
}
