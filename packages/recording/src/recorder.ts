/**
 * The recorder: takes a runtime's event stream (every event type, including ones added to the
 * protocol later) and keeps it within a budget, with memory bounded whatever the run's length.
 *
 * Entries are held in segments, each opening with a keyframe (the state at its start). While the
 * record fits the budget, every event is kept whole. Past it, the oldest segment is thinned: first
 * to one message in SAMPLE_STRIDE (a send and its receives are kept or left out together, so a
 * kept send still finds its arrival), then to none; what is left out becomes tallies, so the
 * counters replayed at every entry are the ones the runtime had. Other events (status, errors,
 * monitor, log, counters…) stay. Only when even those outgrow the byte budget are the oldest
 * segments dropped, and the manifest says how many entries went.
 */
import type { GraphDoc, EventOf, RuntimeEvent } from "@zmqp/protocol";
import {
  DEFAULT_BUDGET,
  FORMAT_NAME,
  FORMAT_VERSION,
  entryTime,
  type CountersSnapshot,
  type RecordEntry,
  type RecordingBudget,
  type RecordingData,
} from "./format.js";
import { entryBytes, stateBytes } from "./size.js";
import { sameCounters } from "./same.js";
import { applyEntry, cloneCounters, cloneState, emptyState, type ReplayState } from "./state.js";
import { Segment } from "./segment.js";
import { thinEntries } from "./thin.js";

/** Level 1 keeps one message in this many. */
export const SAMPLE_STRIDE = 16;
const MAX_SEGMENT_ENTRIES = 2048;
/** Emptied segments merge up to this size (a cut of the oldest part drops one at a time). */
const MAX_MERGED_ENTRIES = 16_384;

export interface RecorderOptions {
  producer: { name: string; version: string };
  budget?: Partial<RecordingBudget>;
  /**
   * The runtime's exact counters (`runtime.counters`). Read at each segment start; when they
   * differ from what the events add up to, a `sync` entry records the runtime's numbers.
   */
  counters?: () => CountersSnapshot;
  /** Clock for the manifest's createdAt. */
  now?: () => number;
}

export interface RecorderStats {
  budget: RecordingBudget;
  messagesSeen: number;
  messagesKept: number;
  messagesSampled: number;
  truncatedEntries: number;
  entries: number;
  bytes: number;
  /** Events the recorder could not take (it never throws into the runtime); 0 normally. */
  failures: number;
}

type MessageEvent = EventOf<"message">;

export class Recorder {
  readonly budget: RecordingBudget;
  private readonly segmentEntries: number;
  private segments: Segment[] = [];
  private readonly live = emptyState();
  private firstDoc: GraphDoc | null = null;
  private seen = 0;
  private kept = 0;
  private sampled = 0;
  private truncated = 0;
  private entryCount = 0;
  private bytes = 0;
  private failures = 0;
  /** Segments [0, atLevel1) are sampled; [0, atLevel2) have no messages left. */
  private atLevel1 = 0;
  private atLevel2 = 0;

  constructor(private readonly options: RecorderOptions) {
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
    // Small budgets get small segments, so thinning has something to work on before the limit.
    // (Eight segments or more per budget; a message is ~256 bytes of JSON.)
    const bySize = Math.min(this.budget.maxMessages / 8, this.budget.maxBytes / (8 * 256));
    this.segmentEntries = Math.max(16, Math.min(MAX_SEGMENT_ENTRIES, Math.floor(bySize)));
  }

  /** Records one event. Never throws: a recorder must not break the run it watches. */
  push(event: RuntimeEvent): void {
    try {
      if (event.type === "message") {
        this.seen++;
        this.kept++;
        this.append({ k: "e", e: plainMessage(event) });
      } else this.append({ k: "e", e: event });
    } catch {
      // Counted, and the run goes on: the stats (and the page) say the record missed events.
      this.failures++;
    }
  }

  /** The document now running (a deploy or redeploy). */
  setDocument(doc: GraphDoc, t: number): void {
    this.firstDoc ??= doc;
    this.append({ k: "doc", t, doc });
  }

  get document(): GraphDoc | null {
    return this.firstDoc;
  }

  /** The state after every recorded event: exact now. */
  get state(): ReplayState {
    return cloneState(this.live);
  }

  stats(): RecorderStats {
    return {
      budget: { ...this.budget },
      messagesSeen: this.seen,
      messagesKept: this.kept,
      messagesSampled: this.sampled,
      truncatedEntries: this.truncated,
      entries: this.entryCount,
      bytes: this.bytes,
      failures: this.failures,
    };
  }

  /** Everything recorded so far, ready for the writer; `complete` says the run has ended. */
  data(complete: boolean): RecordingData {
    const entries = this.segments.flatMap((s) => s.entries());
    const first = entries[0];
    const last = entries.at(-1);
    return {
      manifest: {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        createdAt: new Date((this.options.now ?? Date.now)()).toISOString(),
        startedAt: first ? entryTime(first) : 0,
        endedAt: last ? entryTime(last) : 0,
        producer: { ...this.options.producer },
        complete,
        budget: { ...this.budget },
        counts: {
          entries: entries.length,
          messagesSeen: this.seen,
          messagesKept: this.kept,
          messagesSampled: this.sampled,
          truncatedEntries: this.truncated,
        },
        checksums: { "document.json": "", "start.json": "", "entries.json": "" },
      },
      document: this.firstDoc,
      start: this.segments[0] ? cloneState(this.segments[0].start) : emptyState(),
      entries,
    };
  }

  private append(entry: RecordEntry): void {
    const seg = this.segments.at(-1) ?? this.openSegment();
    applyEntry(this.live, entry);
    this.add(seg, entry);
    if (entry.k === "e" && entry.e.type === "message") seg.messages++;
    // Closed after an entry, not before the next: the runtime's counters then include this event.
    if (seg.length >= this.segmentEntries) {
      this.syncCounters(seg);
      this.bytes += seg.pack();
      this.openSegment();
    }
    this.enforceBudget();
  }

  private add(seg: Segment, entry: RecordEntry): void {
    const size = entryBytes(entry);
    seg.push(entry, size);
    this.bytes += size;
    this.entryCount++;
  }

  /** Ends a segment with the runtime's own counters when the events did not add up to them. */
  private syncCounters(seg: Segment): void {
    const exact = this.options.counters?.();
    if (!exact || sameCounters(exact, this.live.counters)) return;
    const sync: RecordEntry = { k: "sync", t: this.live.t, counters: cloneCounters(exact) };
    applyEntry(this.live, sync);
    this.add(seg, sync);
  }

  private openSegment(): Segment {
    const start = cloneState(this.live);
    const startBytes = stateBytes(start);
    const seg = new Segment(start, startBytes);
    this.bytes += startBytes;
    this.segments.push(seg);
    return seg;
  }

  /**
   * Thins or drops the oldest closed segments until the record fits (the open one is left whole).
   * Levels only fall from old to new ([2, 2, 1, 1, 0, 0, open]), so the next segment to thin is
   * found from two counters, not by a scan: this runs on every event once the budget is full.
   */
  private enforceBudget(): void {
    // No closure here: this runs on every event.
    const budget = this.budget;
    while (this.kept > budget.maxMessages || this.bytes > budget.maxBytes) {
      const closed = this.segments.length - 1;
      if (this.atLevel1 < closed) {
        this.thin(this.segments[this.atLevel1]!, SAMPLE_STRIDE);
        this.atLevel1++;
        continue;
      }
      if (this.atLevel2 < closed) {
        this.thin(this.segments[this.atLevel2]!, Infinity);
        this.atLevel2++;
        this.mergeEmptied();
        continue;
      }
      if (this.bytes <= this.budget.maxBytes || closed === 0) return;
      const dropped = this.segments.shift()!;
      this.atLevel1 = Math.max(0, this.atLevel1 - 1);
      this.atLevel2 = Math.max(0, this.atLevel2 - 1);
      this.bytes -= dropped.bytes + dropped.startBytes;
      this.entryCount -= dropped.length;
      this.truncated += dropped.length;
    }
  }

  /**
   * Two neighbours with no messages left become one: the later keyframe goes (the replay makes
   * its own), so a long run's old part costs its events, not a keyframe per 2048 of them.
   */
  private mergeEmptied(): void {
    const i = this.atLevel2 - 1;
    const prev = this.segments[i - 1];
    const seg = this.segments[i]!;
    if (!prev || prev.level !== 2 || prev.length + seg.length > MAX_MERGED_ENTRIES) return;
    this.bytes += prev.absorb(seg) - seg.bytes;
    this.bytes -= seg.startBytes;
    this.segments.splice(i, 1);
    this.atLevel1--;
    this.atLevel2--;
  }

  private thin(seg: Segment, stride: number): void {
    const before = seg.length;
    const { entries, removed } = thinEntries(seg.entries(), stride);
    let messages = 0;
    for (const e of entries) if (e.k === "e" && e.e.type === "message") messages++;
    this.bytes += seg.replace(entries, messages, stride === Infinity ? 2 : 1);
    this.entryCount += entries.length - before;
    this.kept -= removed;
    this.sampled += removed;
  }
}

/** The engine's message events render their frames lazily and hold the raw buffers: keep only the views. */
function plainMessage(e: MessageEvent): MessageEvent {
  return { ...e, frames: e.frames };
}
