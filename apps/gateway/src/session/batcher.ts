/**
 * Between the engine (up to ~80k events/s) and one browser tab (~60 frames/s). Memory is bounded
 * whatever the rates: per-message events are reservoir-sampled into a fixed number of slots, status,
 * counters, queues and pipe states are coalesced (latest wins), the other events sit in a capped list. A tab whose
 * socket stops draining (bufferedAmount over the cap) gets nothing new: its batches are dropped and
 * counted in `sampled`, and the coalesced state catches it up when it drains.
 */
import type { EventOf, RuntimeEvent, ServerMessage } from "@zmqp/protocol";

type MessageEvent = EventOf<"message">;
type StatusEvent = EventOf<"status">;
type CountersEvent = EventOf<"counters">;
type ObservedEvent = EventOf<"observed">;
type QueuesEvent = EventOf<"queues">;
type PipeEvent = EventOf<"pipe">;

export interface BatcherOptions {
  send(message: Extract<ServerMessage, { type: "batch" }>): void;
  /** Bytes written to the socket but not yet sent (ws `bufferedAmount`). */
  backlog(): number;
  /** Above this backlog the tab counts as stalled. */
  maxBacklogBytes?: number;
  /** Minimum time between two batches, ms (17 ms: at most ~58 a second). */
  intervalMs?: number;
  /** Per-message events kept per batch; the rest are sampled away. */
  maxMessagesPerBatch?: number;
  /** Other ordered events (errors, monitor, log…) kept per batch. */
  maxEventsPerBatch?: number;
  random?: () => number;
}

export interface BatcherStats {
  batches: number;
  sampled: number;
  /** Flushes skipped because the tab was not draining its socket. */
  stalledFlushes: number;
  /** Events held right now (bounded by the caps). */
  held: number;
}

export class Batcher {
  private readonly o: Required<BatcherOptions>;
  private messages: MessageEvent[] = [];
  private seenMessages = 0;
  private others: RuntimeEvent[] = [];
  private statuses = new Map<string, StatusEvent>();
  private counters: CountersEvent | null = null;
  /** Attach's graph: whole each time, so only the newest matters (and it is never dropped). */
  private observed: ObservedEvent | null = null;
  /** Every link's queue, whole each time; and each socket's pipe state (a stalled tab keeps both). */
  private queues: QueuesEvent | null = null;
  private pipes = new Map<string, PipeEvent>();
  private sampled = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private closed = false;
  readonly stats: BatcherStats = { batches: 0, sampled: 0, stalledFlushes: 0, held: 0 };

  constructor(options: BatcherOptions) {
    this.o = {
      maxBacklogBytes: 1024 * 1024,
      intervalMs: 17, // 1000/17 ≈ 58.8 batches a second: under the 60 the page is promised
      maxMessagesPerBatch: 200,
      maxEventsPerBatch: 500,
      random: Math.random,
      ...options,
    };
  }

  push(event: RuntimeEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case "message":
        this.sampleMessage(event);
        break;
      case "status":
        this.statuses.set(event.node, event);
        break;
      case "counters":
        this.counters = event;
        break;
      case "observed":
        this.observed = event;
        break;
      case "queues":
        this.queues = event;
        break;
      case "pipe":
        this.pipes.set(`${event.node}/${event.socket}`, event);
        break;
      default:
        if (this.others.length < this.o.maxEventsPerBatch) this.others.push(event);
        else this.sampled++;
    }
    this.schedule();
  }

  /** Reservoir sampling: the kept messages are spread evenly over the window, not just its start. */
  private sampleMessage(event: MessageEvent): void {
    this.seenMessages++;
    const cap = this.o.maxMessagesPerBatch;
    if (this.messages.length < cap) {
      this.messages.push(event);
      return;
    }
    this.sampled++;
    const j = Math.floor(this.o.random() * this.seenMessages);
    if (j < cap) this.messages[j] = event;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    const wait = Math.max(0, this.lastFlush + this.o.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private pending(): boolean {
    return (
      this.messages.length > 0 ||
      this.others.length > 0 ||
      this.statuses.size > 0 ||
      this.counters !== null ||
      this.observed !== null ||
      this.queues !== null ||
      this.pipes.size > 0 ||
      this.sampled > 0
    );
  }

  /** Sends what is held as one batch, unless the tab is stalled. */
  flush(): void {
    if (this.closed || !this.pending()) return;
    this.lastFlush = Date.now();
    if (this.o.backlog() > this.o.maxBacklogBytes) {
      // Stalled: drop what cannot be coalesced, keep status/counters for when it drains.
      this.stats.stalledFlushes++;
      this.sampled += this.messages.length + this.others.length;
      this.messages = [];
      this.others = [];
      this.seenMessages = 0;
      this.stats.held =
        this.statuses.size +
        this.pipes.size +
        (this.counters ? 1 : 0) +
        (this.observed ? 1 : 0) +
        (this.queues ? 1 : 0);
      this.schedule();
      return;
    }
    const messages = this.messages.sort((a, b) => a.id - b.id);
    // The graph first: the statuses and messages after it name its nodes and links.
    const graph: RuntimeEvent[] = this.observed ? [this.observed] : [];
    const events: RuntimeEvent[] = [
      ...graph,
      ...this.others,
      ...this.statuses.values(),
      ...this.pipes.values(),
      ...messages,
    ];
    if (this.counters) events.push(this.counters);
    if (this.queues) events.push(this.queues);
    const sampled = this.sampled;
    this.messages = [];
    this.seenMessages = 0;
    this.others = [];
    this.statuses = new Map();
    this.counters = null;
    this.observed = null;
    this.queues = null;
    this.pipes = new Map();
    this.sampled = 0;
    this.stats.batches++;
    this.stats.sampled += sampled;
    this.stats.held = 0;
    this.o.send({ type: "batch", seq: ++this.seq, events, sampled });
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.messages = [];
    this.others = [];
    this.statuses.clear();
    this.counters = null;
    this.observed = null;
    this.queues = null;
    this.pipes.clear();
  }
}
