/**
 * Owns the gateway's one Runtime (and the Hub around it): created with the app, closed in onClose,
 * so `app.close()` (tests, SIGINT) releases every socket and port.
 */
import { createRuntime, type RuntimeOptions } from "@zmqp/engine";
import type { RecordingBudget } from "@zmqp/recording";
import type { FastifyInstance } from "fastify";
import { AttachHub } from "../session/attach-hub.js";
import { Hub } from "../session/hub.js";
import { RunRecordings } from "../session/recordings.js";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    hub: Hub;
    attach: AttachHub;
    /** Every run is recorded (GET /api/recording). */
    recordings: RunRecordings;
  }
}

export interface RuntimePluginOptions extends Record<string, unknown> {
  /** The gateway's version, written into every recording. */
  version: string;
  allowExternal: boolean;
  /** `--allow-capture`: pages may attach to loopback ports (see session/attach-hub.ts). */
  allowCapture: boolean;
  graceMs: number;
  runtimeOptions?: RuntimeOptions;
  recordingBudget?: Partial<RecordingBudget>;
}

export const runtimePlugin = fp<RuntimePluginOptions>(
  async (app: FastifyInstance, opts) => {
    const runtime = createRuntime({
      ...opts.runtimeOptions,
      allowExternal: opts.allowExternal,
    });
    const hub = new Hub(runtime, { allowExternal: opts.allowExternal, graceMs: opts.graceMs });
    const recordings = new RunRecordings(runtime, {
      version: opts.version,
      ...(opts.recordingBudget ? { budget: opts.recordingBudget } : {}),
    });
    const attach = new AttachHub({ allowCapture: opts.allowCapture, graceMs: opts.graceMs });
    app.decorate("hub", hub);
    app.decorate("attach", attach);
    app.decorate("recordings", recordings);
    app.addHook("onClose", async () => {
      await attach.close();
      await hub.close();
      recordings.close();
    });
  },
  { name: "zmqp-runtime", fastify: "5.x" },
);
