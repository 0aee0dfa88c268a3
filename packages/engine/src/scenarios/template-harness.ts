/**
 * Runs a template from `scenarios/` exactly as the canvas and the CLI load it: the real file,
 * the real engine, real sockets. Used only by the template tests beside it.
 */
import { readFileSync } from "node:fs";
import type { GraphDoc, EventOf, RuntimeEvent } from "@zmqp/protocol";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { parsed, record } from "../test-helpers.js";

export type MessageEvent = EventOf<"message">;

export interface TemplateRun {
  rt: Runtime;
  doc: GraphDoc;
  events: RuntimeEvent[];
  /** Epoch ms when deploy resolved: the timeline's zero. */
  t0: number;
}

/** Parsed as the gateway parses a document before the engine gets it. */
export function loadTemplate(name: string): GraphDoc {
  const url = new URL(`../../../../scenarios/${name}.json`, import.meta.url);
  return parsed(JSON.parse(readFileSync(url, "utf8")));
}

export async function runTemplate(name: string): Promise<TemplateRun> {
  const doc = loadTemplate(name);
  const rt = createRuntime();
  const events = record(rt);
  const res = await rt.deploy(doc);
  if (!res.ok) {
    await rt.close();
    throw new Error(`${name} did not deploy: ${JSON.stringify(res.diagnostics)}`);
  }
  return { rt, doc, events, t0: Date.now() };
}

export function received(events: RuntimeEvent[], node: string): MessageEvent[] {
  return events.filter(
    (e): e is MessageEvent => e.type === "message" && e.node === node && e.direction === "in",
  );
}

export function sent(events: RuntimeEvent[], node: string): MessageEvent[] {
  return events.filter(
    (e): e is MessageEvent => e.type === "message" && e.node === node && e.direction === "out",
  );
}

/** The body (last frame) of a message as text. */
export const body = (m: MessageEvent) => m.frames[m.frames.length - 1]?.text ?? "";

export function errors(events: RuntimeEvent[], node?: string) {
  return events.filter(
    (e): e is EventOf<"error"> => e.type === "error" && (node === undefined || e.node === node),
  );
}

/** Every activity a node showed, in order (a REQ client: idle, waiting, stuck, retrying...). */
export function activities(events: RuntimeEvent[], node: string): string[] {
  const out: string[] = [];
  for (const e of events)
    if (e.type === "status" && e.node === node && e.status.activity)
      if (out.at(-1) !== e.status.activity) out.push(e.status.activity);
  return out;
}

/** When the timeline ran step `index` (epoch ms), or undefined before it ran. */
export function stepTime(events: RuntimeEvent[], index: number): number | undefined {
  const e = events.find((x) => x.type === "timeline" && x.index === index);
  return e?.t;
}
