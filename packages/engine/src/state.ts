/**
 * The runtime's state as the page sees it, and the events that tell it: which document runs
 * (`runtime` running/stopped, with its deploy id), the controls a person set (`control`: step mode,
 * speed, cuts, latency, watched links). The clock, the event ids and the listeners live here, so
 * every part of the engine emits through one place.
 */
import type {
  GraphDoc,
  LinkCounters,
  NodeCounters,
  RuntimeControls,
  RuntimeEvent,
} from "@zmqp/protocol";
import type { Clock } from "./api.js";
import { StepGate } from "./step-gate.js";
import { Topology } from "./topology.js";

/** How often a `counters` event is emitted while running, ms. */
const COUNTERS_EVERY_MS = 500;

export class RuntimeState {
  readonly listeners = new Set<(e: RuntimeEvent) => void>();
  readonly step = new StepGate();
  deployId = 0;
  speed = 1;
  /** The running document, indexed; an empty one while idle. Replaced on every deploy. */
  topology: Topology;
  /** The links the wire inspector watches (set by the runtime, which owns the inspector). */
  watched: () => string[] = () => [];
  private lastId = 0;
  private ticker: unknown;
  /** The clock as of the last tick: for what needs the time to within a tick, not per message. */
  private coarse = 0;

  constructor(
    readonly clock: Clock,
    readonly ipcDir: string,
  ) {
    this.topology = new Topology(null, ipcDir);
    this.step.onChange = () => this.emitControl();
  }

  now(): number {
    return this.clock.now();
  }

  nextId(): number {
    return ++this.lastId;
  }

  /**
   * The time to within COUNTERS_EVERY_MS, without reading the clock: a send nobody listens to
   * needs the time only to age its correlation record (30 s), and a clock read costs more than
   * the rest of its bookkeeping.
   */
  coarseNow(): number {
    return this.coarse;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.clock.setTimeout(r, ms));
  }

  emit(event: RuntimeEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // Listeners must not throw; one that does must not break the runtime.
      }
    }
  }

  /** A new document runs: indexed once, the link controls kept for the links still in it. */
  deploy(doc: GraphDoc): Topology {
    this.deployId++;
    this.coarse = this.now();
    this.topology = new Topology(doc, this.ipcDir, this.topology);
    return this.topology;
  }

  running(doc: GraphDoc, fresh: boolean): void {
    const t = this.now();
    this.emit({ type: "runtime", t, state: "running", deployId: this.deployId, doc, fresh });
  }

  /** While a document runs: a `counters` event every COUNTERS_EVERY_MS (and the coarse clock). */
  tick(
    counters: () => { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> },
  ): void {
    this.clock.clearTimeout(this.ticker);
    this.ticker = this.clock.setTimeout(() => {
      if (!this.topology.running) return;
      this.coarse = this.now();
      this.emit({ type: "counters", t: this.coarse, ...counters() });
      this.tick(counters);
    }, COUNTERS_EVERY_MS);
  }

  /** Nothing runs any more: the controls a person set on links go with the document. */
  stopped(): void {
    this.clock.clearTimeout(this.ticker);
    const was = this.topology;
    this.topology = new Topology(null, this.ipcDir);
    if (was.cut.size > 0 || was.latency.size > 0) this.emitControl();
    if (was.running)
      this.emit({ type: "runtime", t: this.now(), state: "stopped", deployId: this.deployId });
  }

  controls(): RuntimeControls {
    const topology = this.topology;
    return {
      stepMode: this.step.holding,
      speed: this.speed,
      cutLinks: [...topology.cut],
      latency: Object.fromEntries(topology.latency),
      watchedLinks: this.watched(),
      held: this.step.list(),
      heldTotal: this.step.pending,
    };
  }

  /** Every change of a control reaches every tab as one `control` event (latest wins). */
  emitControl(): void {
    this.emit({ type: "control", t: this.now(), ...this.controls() });
  }
}
