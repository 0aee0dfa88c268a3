/**
 * The wire inspector's store slice: which links the person wants watched, and the decoded ZMTP
 * items that crossed each watched link, bounded per link. Handshake items (signature, greeting,
 * READY…) are evicted last, so the lesson of a long-running link still starts with its greeting.
 */
import { ERROR_CODES, type EventOf, type RuntimeEvent, type ZmtpItemView } from "@zmqp/protocol";
import type { StateCreator } from "zustand";
import type { AppState } from "../store/types.js";

export type WireEvent = EventOf<"wire">;

/** Rows kept per link; the oldest message frames go first. */
export const WIRE_CAPACITY = 500;
/** Of those, handshake rows kept at most (every reconnect adds a greeting and a READY). */
export const HANDSHAKE_KEEP = 40;

export interface WireRow {
  /** Page-local sequence number: a stable React key. */
  key: number;
  t: number;
  conn: number;
  direction: "c2s" | "s2c";
  item: ZmtpItemView;
}

export interface WireLog {
  rows: WireRow[];
  /** Items the gateway left out because the link was too busy (rate limit). */
  skipped: number;
  /** Items evicted here because the table was full. */
  evicted: number;
}

interface WireState {
  /** Links the person wants watched; re-sent to the gateway on every Run. */
  watched: string[];
  logs: Record<string, WireLog>;
  /** Why watching a link failed (e.g. not a tcp link), by link. */
  errors: Record<string, string>;
  seq: number;
}

export interface WireSlice {
  wire: WireState;
  setWatched(link: string, on: boolean): void;
  /** The gateway's list (welcome snapshot) replaces the page's. */
  syncWatched(links: string[]): void;
  applyWire(events: RuntimeEvent[]): void;
  clearWire(link: string): void;
}

/** Items that set a connection up: kept longer than the message frames that follow them. */
export function isHandshake(item: ZmtpItemView): boolean {
  if (item.kind === "signature" || item.kind === "greeting") return true;
  return item.kind === "command" && item.command !== "PING" && item.command !== "PONG";
}

/** Drops rows beyond the capacity: message rows oldest first, handshake rows beyond their own cap. */
function bound(rows: WireRow[], capacity = WIRE_CAPACITY, keep = HANDSHAKE_KEEP): WireRow[] {
  const excess = rows.length - capacity;
  if (excess <= 0) return rows;
  const handshakes = rows.filter((r) => isHandshake(r.item)).length;
  // Handshakes beyond their cap first, then message rows, then (only if nothing else) handshakes.
  let dropHandshake = Math.min(excess, Math.max(0, handshakes - keep));
  let dropOther = Math.min(excess - dropHandshake, rows.length - handshakes);
  dropHandshake += excess - dropHandshake - dropOther;
  return rows.filter((r) => {
    if (isHandshake(r.item)) return dropHandshake-- <= 0;
    return dropOther-- <= 0;
  });
}

const EMPTY: WireLog = { rows: [], skipped: 0, evicted: 0 };

export const createWireSlice: StateCreator<AppState, [], [], WireSlice> = (set, get) => ({
  wire: { watched: [], logs: {}, errors: {}, seq: 0 },
  setWatched(link, on) {
    const w = get().wire;
    const watched = w.watched.filter((l) => l !== link);
    if (on) watched.push(link);
    const errors = { ...w.errors };
    delete errors[link];
    set({ wire: { ...w, watched, errors } });
  },
  syncWatched(links) {
    set({ wire: { ...get().wire, watched: [...links] } });
  },
  applyWire(events) {
    const w = get().wire;
    let logs = w.logs;
    let { watched, errors } = w;
    let seq = w.seq;
    for (const e of events) {
      if (e.type === "wire") {
        if (logs === w.logs) logs = { ...logs };
        const old = logs[e.link] ?? EMPTY;
        const fresh = e.items.map((item) => ({
          key: ++seq,
          t: e.t,
          conn: e.conn,
          direction: e.direction,
          item,
        }));
        const all = [...old.rows, ...fresh];
        const rows = bound(all);
        logs[e.link] = {
          rows,
          skipped: old.skipped + (e.skipped ?? 0),
          evicted: old.evicted + all.length - rows.length,
        };
      } else if (
        e.type === "error" &&
        e.link &&
        watched.includes(e.link) &&
        e.code === ERROR_CODES.BAD_ENDPOINT
      ) {
        // The gateway refused to watch it (not tcp): the toggle goes back off, with the reason.
        const link = e.link;
        watched = watched.filter((l) => l !== link);
        errors = { ...errors, [link]: e.message };
      }
    }
    if (logs === w.logs && watched === w.watched) return;
    set({ wire: { watched, logs, errors, seq } });
  },
  clearWire(link) {
    const w = get().wire;
    const logs = { ...w.logs };
    delete logs[link];
    set({ wire: { ...w, logs } });
  },
});
