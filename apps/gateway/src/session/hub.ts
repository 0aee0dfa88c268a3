/**
 * One runtime per gateway, shared by every tab. The hub is where a document enters: it is parsed
 * and validated here, once, and the engine takes it as a GraphDoc. It fans runtime events out to
 * the tabs, and stops the runtime when the last tab has been gone for the grace period, so every
 * port is freed.
 *
 * No queue of its own: the runtime already runs deploys, stops, actions and timeline steps one at
 * a time in call order (runtime.ts `exclusive`), for every caller (CLI, tests), so two tabs
 * pressing Run at once cannot interleave. Validation here is synchronous, so the order calls
 * reach the runtime is the order they arrived in.
 */
import type { Runtime } from "@zmqp/engine";
import {
  english,
  ERROR_CODES,
  phrase,
  LIMITS,
  parseGraph,
  type DeployRefused,
  type DeployResult,
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

export class Hub {
  /** The tabs that said hello; read-only outside the hub (tests and stats). */
  readonly tabs = new Set<Listener>();
  private graceTimer: NodeJS.Timeout | null = null;
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

  /** Validates with the same rules as the canvas, then deploys as a diff. */
  deploy(raw: unknown): Promise<DeployResult | DeployRefused> {
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
    const warnings = parsed.diagnostics;
    return this.runtime
      .deploy(parsed.doc)
      .then((r) => (warnings.length ? { ...r, diagnostics: [...warnings, ...r.diagnostics] } : r));
  }

  stop(): Promise<void> {
    return this.runtime.stop();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.off();
    this.tabs.clear();
    await this.runtime.close();
  }
}

function jsonSize(raw: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(raw) ?? "");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
