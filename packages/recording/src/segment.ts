/**
 * A run of entries opening with a keyframe. The open segment holds its entries as objects; a
 * closed one packs them into one JSON string. A long run keeps hundreds of thousands of events:
 * as objects (an event, its frames, their strings) each would survive garbage collections and be
 * copied into the old generation; as one string per segment, the objects die young. Packing also
 * makes `bytes` exact for closed segments (the JSON the file will hold).
 */
import type { RecordEntry } from "./format.js";
import type { ReplayState } from "./state.js";

export class Segment {
  /** Message events held whole. */
  messages = 0;
  /** Bytes of the entries (estimated while open, exact once packed). */
  bytes = 0;
  /** 0 whole, 1 sampled, 2 no messages left. */
  level: 0 | 1 | 2 = 0;
  private open: RecordEntry[] | null = [];
  private packed: string | null = null;
  private count = 0;

  constructor(
    readonly start: ReplayState,
    readonly startBytes: number,
  ) {}

  get length(): number {
    return this.count;
  }

  push(entry: RecordEntry, bytes: number): void {
    (this.open ??= this.unpack()).push(entry);
    this.count++;
    this.bytes += bytes;
  }

  /** Packs the entries into one string; returns the change in `bytes`. */
  pack(): number {
    if (!this.open) return 0;
    const json = JSON.stringify(this.open);
    this.open = null;
    this.packed = json;
    const delta = json.length - this.bytes;
    this.bytes = json.length;
    return delta;
  }

  /** The entries, as objects (parsed again when packed: a copy the caller may keep). */
  entries(): RecordEntry[] {
    return this.open ?? this.unpack();
  }

  /** Swaps the entries for a thinned list, packed; returns the change in `bytes`. */
  replace(entries: RecordEntry[], messages: number, level: 1 | 2): number {
    const before = this.bytes;
    this.open = entries;
    this.count = entries.length;
    this.messages = messages;
    this.level = level;
    this.bytes = 0;
    this.pack();
    return this.bytes - before;
  }

  /**
   * Takes a later packed segment's entries after its own, joining the JSON texts (no parse): the
   * later keyframe is dropped. Returns the change in `bytes`.
   */
  absorb(later: Segment): number {
    this.pack();
    later.pack();
    const a = this.packed ?? "[]";
    const b = later.packed ?? "[]";
    const joined = a === "[]" ? b : b === "[]" ? a : `${a.slice(0, -1)},${b.slice(1)}`;
    const before = this.bytes;
    this.packed = joined;
    this.bytes = joined.length;
    this.count += later.count;
    this.messages += later.messages;
    return this.bytes - before;
  }

  private unpack(): RecordEntry[] {
    return this.packed === null ? [] : (JSON.parse(this.packed) as RecordEntry[]);
  }
}
