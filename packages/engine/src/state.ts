/**
 * The runtime's state as the page sees it, and the events that tell it: which document runs
 * (`runtime` running/stopped, with its deploy id), the controls a person set (`control`: step mode,
 * speed, cuts, latency, watched links). The clock, the event ids and the listeners live here, so
 * every part of the engine emits through one place.
 */
import type { GraphDoc, RuntimeControls, RuntimeEvent } from "@zmqp/protocol";
import type { Clock } from "./api.js";
import { StepGate } from "./step-gate.js";
import { Topology } from "./topology.js";

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
    this.topology = new Topology(doc, this.ipcDir, this.topology);
    return this.topology;
  }

  running(doc: GraphDoc, fresh: boolean): void {
    const t = this.now();
    this.emit({ type: "runtime", t, state: "running", deployId: this.deployId, doc, fresh });
  }

  /** Nothing runs any more: the controls a person set on links go with the document. */
  stopped(): void {
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
