/**
 * One runtime per gateway, shared by every tab. The hub fans runtime events out to the tabs,
 * serialises deploy/stop (two tabs pressing Run at once must not interleave), and stops the
 * runtime when the last tab has been gone for the grace period, so every port is freed.
 */
import type { DeployResult, Runtime } from "@zmqp/engine";
import {
  english,
  ERROR_CODES,
  phrase,
  LIMITS,
  parseGraph,
  type Diagnostic,
  type RuntimeEvent,
} from "@zmqp/protocol";

export interface HubOptions {
  allowExternal: boolean;
  /** How long the runtime keeps running after the last tab closed, ms. */
  graceMs: number;
}

export interface Listener {
  push(event: RuntimeEvent): void;
}

export type DeployOutcome =
  | { ok: true; deployId: number; diagnostics: Diagnostic[]; changed: DeployResult["changed"] }
  | { ok: false; diagnostics: Diagnostic[] };

export class Hub {
  /** The tabs that said hello; read-only outside the hub (tests and stats). */
  readonly tabs = new Set<Listener>();
  private graceTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly off: () => void;
  private closed = false;
  /** How many times the grace period ran out and stopped the runtime (tests read it). */
  graceStops = 0;

  constructor(
    readonly runtime: Runtime,
    readonly options: HubOptions,
  ) {
    this.off = runtime.on((event) => {
      for (const tab of this.tabs) tab.push(event);
    });
  }

  get tabCount(): number {
    return this.tabs.size;
  }

  attach(tab: Listener): void {
    this.tabs.add(tab);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }

  detach(tab: Listener): void {
    if (!this.tabs.delete(tab) || this.tabs.size > 0 || this.closed) return;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      if (this.tabs.size > 0) return;
      this.graceStops++;
      void this.stop().catch(() => undefined);
    }, this.options.graceMs);
    this.graceTimer.unref();
  }

  /** Runs deploy/stop one at a time, in arrival order. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Validates with the same rules as the canvas, then deploys as a diff. */
  deploy(raw: unknown): Promise<DeployOutcome> {
    const size = jsonSize(raw);
    const tooLarge = phrase("diag.documentTooLarge", { size, limit: LIMITS.maxDocumentBytes });
    if (size > LIMITS.maxDocumentBytes)
      return Promise.resolve({
        ok: false,
        diagnostics: [
          {
            code: ERROR_CODES.LIMIT,
            severity: "error",
            phrase: tooLarge,
            message: english(tooLarge),
          },
        ],
      });
    const parsed = parseGraph(raw, { allowExternal: this.options.allowExternal });
    if (!parsed.ok) return Promise.resolve({ ok: false, diagnostics: parsed.diagnostics });
    return this.serial(async () => {
      const result = await this.runtime.deploy(parsed.doc);
      if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
      return {
        ok: true,
        deployId: result.deployId,
        diagnostics: result.diagnostics,
        changed: result.changed,
      };
    });
  }

  stop(): Promise<void> {
    return this.serial(() => this.runtime.stop());
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.off();
    this.tabs.clear();
    await this.serial(() => this.runtime.close());
  }
}

function jsonSize(raw: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(raw) ?? "");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
