/**
 * Moving through a recording: the state at any entry or moment, one step back or forward, the log
 * rows and the messages in flight then. Keyframes every KEYFRAME_EVERY entries make any seek cost
 * at most that many reducer steps, never a replay from the start.
 */
import type { EventOf, RuntimeEvent } from "@zmqp/protocol";
import { entryTime, type RecordEntry, type RecordingData } from "./format.js";
import { applyEntry, cloneState, type ReplayState } from "./state.js";

export const KEYFRAME_EVERY = 512;
/** The page's event log keeps this many rows; so does `logAt` unless asked otherwise. */
export const LOG_ROWS = 500;

type MessageEvent = EventOf<"message">;

/** What the event log lists (as the page's log does: not counters, status, wire bytes or attach's graph). */
export function isLogRow(e: RuntimeEvent): boolean {
  return e.type !== "counters" && e.type !== "status" && e.type !== "wire" && e.type !== "observed";
}

export class Replay {
  readonly entries: readonly RecordEntry[];
  /** times[i]: the time of entry i, never less than the one before (clocks may step back a little). */
  private readonly times: Float64Array;
  /** keyframes[k]: the state after the first k * KEYFRAME_EVERY entries. */
  private readonly keyframes: ReplayState[] = [];
  /** For each send id, the index of the first receive naming it. */
  private readonly firstReceive = new Map<number, number>();

  constructor(readonly data: RecordingData) {
    this.entries = data.entries;
    this.times = new Float64Array(this.entries.length);
    const state = cloneState(data.start);
    let t = data.start.t;
    for (let i = 0; i < this.entries.length; i++) {
      if (i % KEYFRAME_EVERY === 0) this.keyframes.push(cloneState(state));
      const entry = this.entries[i]!;
      applyEntry(state, entry);
      t = Math.max(t, entryTime(entry));
      this.times[i] = t;
      if (entry.k === "e" && entry.e.type === "message" && entry.e.sendId !== undefined) {
        if (!this.firstReceive.has(entry.e.sendId)) this.firstReceive.set(entry.e.sendId, i);
      }
    }
    if (this.entries.length % KEYFRAME_EVERY === 0) this.keyframes.push(cloneState(state));
  }

  get length(): number {
    return this.entries.length;
  }

  get startTime(): number {
    return this.length ? this.times[0]! : this.data.start.t;
  }

  get endTime(): number {
    return this.length ? this.times[this.length - 1]! : this.data.start.t;
  }

  /** How many entries happened at or before `t` (the position that shows moment t). */
  positionAt(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The state after the first `position` entries (0: the start; length: the end). */
  stateAt(position: number): ReplayState {
    const p = Math.max(0, Math.min(this.length, Math.floor(position)));
    const k = Math.floor(p / KEYFRAME_EVERY);
    const state = cloneState(this.keyframes[k]!);
    for (let i = k * KEYFRAME_EVERY; i < p; i++) applyEntry(state, this.entries[i]!);
    return state;
  }

  stateAtTime(t: number): ReplayState {
    return this.stateAt(this.positionAt(t));
  }

  /** The newest `limit` log rows among the first `position` entries, oldest first. */
  logAt(position: number, limit = LOG_ROWS): RuntimeEvent[] {
    const rows: RuntimeEvent[] = [];
    for (let i = Math.min(position, this.length) - 1; i >= 0 && rows.length < limit; i--) {
      const entry = this.entries[i]!;
      if (entry.k === "e" && isLogRow(entry.e)) rows.push(entry.e);
    }
    return rows.reverse();
  }

  /**
   * Sends among the first `position` entries, at most `windowMs` before that moment, that no
   * recorded receive had named yet: the messages on their way then. A send whose receive was
   * sampled away is left out with it (they are kept or sampled together).
   */
  inFlightAt(position: number, windowMs = 2000): MessageEvent[] {
    const p = Math.max(0, Math.min(this.length, position));
    if (p === 0) return [];
    const now = this.times[p - 1]!;
    const out: MessageEvent[] = [];
    for (let i = p - 1; i >= 0 && this.times[i]! >= now - windowMs; i--) {
      const entry = this.entries[i]!;
      if (entry.k !== "e" || entry.e.type !== "message" || entry.e.direction !== "out") continue;
      const arrived = this.firstReceive.get(entry.e.id);
      if (arrived === undefined || arrived >= p) out.push(entry.e);
    }
    return out.reverse();
  }

  /** A position that moves one entry (or one message) at a time, in step with the log. */
  cursor(position = this.length): ReplayCursor {
    return new ReplayCursor(this, position);
  }
}

export class ReplayCursor {
  private _state: ReplayState;

  constructor(
    private readonly replay: Replay,
    private _position: number,
  ) {
    this._position = Math.max(0, Math.min(replay.length, _position));
    this._state = replay.stateAt(this._position);
  }

  get position(): number {
    return this._position;
  }

  get state(): ReplayState {
    return this._state;
  }

  seek(position: number): ReplayState {
    this._position = Math.max(0, Math.min(this.replay.length, position));
    this._state = this.replay.stateAt(this._position);
    return this._state;
  }

  seekTime(t: number): ReplayState {
    return this.seek(this.replay.positionAt(t));
  }

  /** One entry on (or, with `messages`, on to just after the next message). Applies incrementally. */
  forward(only?: "messages"): ReplayState {
    while (this._position < this.replay.length) {
      const entry = this.replay.entries[this._position++]!;
      applyEntry(this._state, entry);
      if (only !== "messages" || (entry.k === "e" && entry.e.type === "message")) break;
    }
    return this._state;
  }

  /** One entry back (or back to just before the previous message), from the nearest keyframe. */
  back(only?: "messages"): ReplayState {
    let p = this._position;
    while (p > 0) {
      const entry = this.replay.entries[--p]!;
      if (only !== "messages" || (entry.k === "e" && entry.e.type === "message")) break;
    }
    return this.seek(p);
  }
}
