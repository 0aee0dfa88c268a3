/**
 * The gateway records every run: from a deploy's first node status to the runtime's `stopped`. The run going on and the one before are kept (memory: two recording
 * budgets at most); a file is made only when one is downloaded, so stopping a run costs nothing.
 */
import type { Runtime } from "@zmqp/engine";
import type { GraphDoc, RuntimeEvent } from "@zmqp/protocol";
import {
  encodeRecording,
  Recorder,
  type RecorderStats,
  type RecordingBudget,
} from "@zmqp/recording";

export interface RunRecordingsOptions {
  version: string;
  budget?: Partial<RecordingBudget>;
}

export interface FinishedRecording {
  bytes: Uint8Array;
  startedAt: number;
}

export class RunRecordings {
  private current: Recorder | null = null;
  private currentDoc: GraphDoc | null = null;
  private last: Recorder | null = null;
  private readonly off: () => void;

  constructor(
    private readonly runtime: Runtime,
    private readonly options: RunRecordingsOptions,
  ) {
    this.off = runtime.on((e) => this.push(e));
  }

  private push(e: RuntimeEvent): void {
    // A run begins with its first node's status; anything between runs (a late drop of the last
    // run, a note while idle) belongs to none, and must not count in the next one.
    if (!this.current && e.type !== "status") return;
    const rec = (this.current ??= new Recorder({
      producer: { name: "zmqp gateway", version: this.options.version },
      ...(this.options.budget ? { budget: this.options.budget } : {}),
      counters: () => this.runtime.counters(),
    }));
    rec.push(e);
    if (e.type !== "runtime") return;
    if (e.state === "running") {
      // The engine's document object is replaced on each deploy, never mutated.
      const doc = this.runtime.snapshot().doc;
      if (doc && doc !== this.currentDoc) rec.setDocument(doc, e.t);
      this.currentDoc = doc;
    } else {
      if (rec.document) this.last = rec;
      this.current = null;
      this.currentDoc = null;
    }
  }

  private finish(rec: Recorder, complete: boolean): FinishedRecording {
    const data = rec.data(complete);
    return { bytes: encodeRecording(data), startedAt: data.manifest.startedAt };
  }

  /** The run going on (saved as it is so far), else the last finished one; null before any run. */
  download(): FinishedRecording | null {
    if (this.current?.document) return this.finish(this.current, false);
    return this.last ? this.finish(this.last, true) : null;
  }

  /** What the page says about the recording: is one going on, its budget, how much was sampled. */
  status(): { recording: boolean; finished: boolean; stats: RecorderStats | null } {
    const live = this.current?.document ? this.current : null;
    return { recording: live !== null, finished: this.last !== null, stats: live?.stats() ?? null };
  }

  close(): void {
    this.off();
    this.current = null;
  }
}
