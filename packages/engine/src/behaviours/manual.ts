/**
 * manual (DEALER, ROUTER, PAIR): sends on an interval or on "Send now"; `echo` sends every received
 * message back with its envelope. A DEALER sends an empty delimiter first, as a REQ would, so a
 * REP can answer it. A ROUTER must name its peer: it sends to the last peer it heard from.
 */
import { phrase, type BehaviourParams } from "@zmqp/protocol";
import { fillPayload } from "../frames.js";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"manual">;

export const manual: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    const p = ctx.params;
    const s = ctx.node.sockets[0]!;
    let n = 0;
    let lastPeer: Buffer | null = null;

    const send = async (override?: string) => {
      n++;
      const body = Buffer.from(override ?? fillPayload(p.payload, n));
      if (s.type === "ROUTER") {
        if (!lastPeer) {
          ctx.log(phrase("note.routerNoPeer", { node: ctx.node.id }), "warn");
          return;
        }
        await ctx.send(s.id, [lastPeer, Buffer.alloc(0), body], "data");
      } else if (s.type === "DEALER") await ctx.send(s.id, [Buffer.alloc(0), body], "data");
      else await ctx.send(s.id, [body], "data");
    };

    return {
      start() {
        if (p.intervalMs > 0) ctx.every(p.intervalMs, () => void send());
      },
      async onMessage(msg: Received) {
        if (s.type === "ROUTER" && msg.frames.length > 1) lastPeer = msg.frames[0]!;
        if (p.echo) await ctx.send(msg.socket, msg.frames, "data");
      },
      sendNow: (payload?: string) => send(payload),
    };
  },
};
