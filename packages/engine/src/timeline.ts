/** Plays a document's timeline: each step at `atMs` after the deploy, on the injected clock. */
import type { TimelineStep } from "@zmqp/protocol";
import type { Clock } from "./api.js";

export class TimelinePlayer {
  private handles: unknown[] = [];

  constructor(private clock: Clock) {}

  play(steps: TimelineStep[], run: (step: TimelineStep, index: number) => void) {
    this.cancel();
    steps.forEach((step, index) => {
      this.handles.push(this.clock.setTimeout(() => run(step, index), step.atMs));
    });
  }

  cancel() {
    for (const h of this.handles) this.clock.clearTimeout(h);
    this.handles = [];
  }
}
