/**
 * publisher: topics in turn, the topic as the first frame. The PUB runs as an XPUB with verbose
 * (un)subscriptions, so the engine sees every subscription arrive: a publish that matches no
 * current subscription is counted as dropped, reason `no-subscriber`. That is the slow joiner.
 */
import { phrase, type BehaviourParams } from "@zmqp/protocol";
import { fillPayload } from "../frames.js";
import type { ZmqType, ZSocket } from "../sockets/registry.js";
import { Subscriptions } from "./subscriptions.js";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"publisher">;

export const publisher: BehaviourSpec<Params> = {
  zmqType: (s) => (s.type === "PUB" ? "XPUB" : (s.type as ZmqType)),
  control: () => true,
  configure(sock: ZSocket) {
    (sock as unknown as { verbosity: string }).verbosity = "allSubsUnsubs";
  },
  create(ctx: BehaviourContext<Params>) {
    const p = ctx.node.sockets[0]!.id;
    const params = ctx.params;
    const subs = new Subscriptions();
    let n = 0;

    const publish = async (override?: string) => {
      if (override === undefined && params.maxMessages > 0 && n >= params.maxMessages) return;
      n++;
      const topic = params.topics.length ? params.topics[(n - 1) % params.topics.length]! : "";
      const body = override ?? fillPayload(params.payload, n, topic);
      const frames = topic ? [Buffer.from(topic), Buffer.from(body)] : [Buffer.from(body)];
      await ctx.send(p, frames, "publish", subs.matches(frames[0]!) ? undefined : "no-subscriber");
    };

    return {
      start() {
        if (params.intervalMs > 0) ctx.every(params.intervalMs, () => void publish());
      },
      onMessage(msg: Received) {
        const change = subs.apply(msg.frames[0]);
        if (!change) return;
        ctx.log(
          phrase(change.subscribe ? "note.subscribed" : "note.unsubscribed", {
            node: ctx.node.id,
            topic: change.topic,
          }),
        );
      },
      sendNow: (payload?: string) => publish(payload),
    };
  },
};
