/** Test support: record a runtime's events and wait for conditions on them. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EventOf, GraphInput, RuntimeEvent } from "@zmqp/protocol";
import type { Runtime } from "../api.js";

export type MessageEvent = EventOf<"message">;

/**
 * Loads a template from `scenarios/` (the same files the canvas and the CLI load), its
 * `tcp://*:port` binds narrowed to 127.0.0.1: these tests run in the test's own network, where
 * binding every interface would open the port to the machine's network for nothing. The
 * cross-machine test runs the files as they are, inside namespaces of its own.
 */
export function template(name: string): GraphInput {
  const file = fileURLToPath(new URL(`../../../../scenarios/${name}.json`, import.meta.url));
  const text = readFileSync(file, "utf8").replaceAll('"tcp://*:', '"tcp://127.0.0.1:');
  return JSON.parse(text) as GraphInput;
}

export class Recorder {
  readonly events: RuntimeEvent[] = [];
  constructor(rt: Runtime) {
    rt.on((e) => this.events.push(e));
  }

  messages(node: string, direction: "in" | "out", socket?: string): MessageEvent[] {
    return this.events.filter(
      (e): e is MessageEvent =>
        e.type === "message" &&
        e.node === node &&
        e.direction === direction &&
        (socket === undefined || e.socket === socket),
    );
  }

  monitor(node: string, event: string): EventOf<"monitor">[] {
    return this.events.filter(
      (e): e is EventOf<"monitor"> => e.type === "monitor" && e.node === node && e.event === event,
    );
  }
}

/** The text of a message's last frame (its body). */
export const body = (m: MessageEvent) => m.frames[m.frames.length - 1]?.text ?? "";

/** Polls `cond` every 20 ms; rejects with `what` after `ms`. */
export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A copy of a document with some nodes set not to start at deploy. */
export function withoutAutostart(doc: GraphInput, ids: string[]): GraphInput {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (ids.includes(n.id) ? { ...n, autostart: false } : n)),
  };
}
