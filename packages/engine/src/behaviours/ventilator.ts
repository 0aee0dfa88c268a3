/** ventilator (PUSH): hands out tasks on an interval; PUSH round-robins them over its peers. */
import type { BehaviourParams } from "@zmqp/protocol";
import { fillPayload } from "../frames.js";
import type { BehaviourContext, BehaviourSpec } from "./types.js";

type Params = BehaviourParams<"ventilator">;

export const ventilator: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    const p = ctx.params;
    const socket = ctx.node.sockets.find((s) => s.type === "PUSH")?.id ?? ctx.node.sockets[0]!.id;
    let n = 0;
    // A payload without placeholders is encoded once, not once per message; its frames array is
    // shared too (never mutated: zeromq copies it, events only read it).
    const fixed = p.payload.includes("{") ? null : [Buffer.from(p.payload)];
    // Not async: "Send now" may come tens of thousands of times a second (one promise less each).
    const push = (override?: string) => {
      if (override === undefined && p.maxMessages > 0 && n >= p.maxMessages) return;
      n++;
      // Its boolean is of no use to the caller, who only waits for it.
      const frames = override !== undefined ? [override] : (fixed ?? [fillPayload(p.payload, n)]);
      return ctx.send(socket, frames, "task") as Promise<unknown> as Promise<void>;
    };
    return {
      start() {
        if (p.intervalMs > 0) ctx.every(p.intervalMs, () => void push());
      },
      sendNow: (payload?: string) => push(payload),
    };
  },
};
