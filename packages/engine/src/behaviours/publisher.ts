/**
 * publisher: topics in turn, the topic as the first frame. The PUB runs as an XPUB with verbose
 * (un)subscriptions, so the engine sees every subscription arrive: a publish that matches no
 * current subscription is counted as dropped, reason `no-subscriber`. That is the slow joiner.
 */
import { phrase, type BehaviourParams } from "@zmqp/protocol";
import { fillPayload } from "../frames.js";
import type { ZmqType, ZSocket } from "../sockets/registry.js";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"publisher">;

export const publisher: BehaviourSpec<Params> = {
  zmqType: (s) => (s.type === "PUB" ? "XPUB" : (s.type as ZmqType)),
  control: () => true,
  configure(sock: ZSocket) {
    (sock as unknown as { verbosity: string }).verbosity = "allSubsUnsubs";
  },
  create(ctx: BehaviourContext<Params>) {
    const p = ctx.params;
    const socket = ctx.node.sockets[0]!.id;
    /** Subscribed prefixes, counted per subscriber (verbose mode reports duplicates). */
    const subs = new Map<string, number>();
    let n = 0;

    const matched = (topic: Buffer) => {
      for (const [prefix, count] of subs)
        if (count > 0 && topic.subarray(0, prefix.length).toString("latin1") === prefix)
          return true;
      return false;
    };

    const publish = async (override?: string) => {
      if (override === undefined && p.maxMessages > 0 && n >= p.maxMessages) return;
      n++;
      const topic = p.topics.length ? p.topics[(n - 1) % p.topics.length]! : "";
      const body = override ?? fillPayload(p.payload, n, topic);
      const frames = topic ? [Buffer.from(topic), Buffer.from(body)] : [Buffer.from(body)];
      const heard = matched(frames[0]!);
      await ctx.send(socket, frames, "publish", heard ? undefined : "no-subscriber");
    };

    return {
      start() {
        if (p.intervalMs > 0) ctx.every(p.intervalMs, () => void publish());
      },
      onMessage(msg: Received) {
        // XPUB control frames: 0x01 + prefix subscribes, 0x00 + prefix unsubscribes.
        const f = msg.frames[0];
        if (!f || f.length === 0 || f[0]! > 1) return;
        const prefix = f.subarray(1).toString("latin1");
        const count = (subs.get(prefix) ?? 0) + (f[0] === 1 ? 1 : -1);
        if (count > 0) subs.set(prefix, count);
        else subs.delete(prefix);
        ctx.log(
          phrase(f[0] === 1 ? "note.subscribed" : "note.unsubscribed", {
            node: ctx.node.id,
            topic: prefix,
          }),
        );
      },
      sendNow: (payload?: string) => publish(payload),
    };
  },
};
