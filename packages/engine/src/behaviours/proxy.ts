/**
 * proxy (XSUB/XPUB, the guide's wuproxy): an XSUB frontend faces the publishers, an XPUB backend
 * faces the subscribers. Publishes travel down, subscriptions travel up. It is a loop both ways,
 * not zmq_proxy (which is opaque), so every publish is received, counted and correlated on the
 * link it came in on and sent, counted and correlated again on the link it leaves by; each
 * subscription is logged as it passes. The XPUB is not verbose: like zmq_proxy, it passes a
 * prefix upstream once, when its first subscriber asks, and its end when the last one leaves.
 */
import { phrase, type BehaviourParams } from "@zmqp/protocol";
import { Subscriptions } from "./subscriptions.js";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"proxy">;

export const proxy: BehaviourSpec<Params> = {
  // What the XPUB receives is subscriptions: control traffic, read raw and not counted.
  control: (s) => s.type === "XPUB",
  create(ctx: BehaviourContext<Params>) {
    const id = ctx.node.id;
    const frontend = ctx.node.sockets.find((s) => s.type === "XSUB")?.id;
    const backend = ctx.node.sockets.find((s) => s.type === "XPUB")?.id;
    const downstream = new Subscriptions();

    const forwardSubscription = async (frame: Buffer | undefined) => {
      const change = downstream.apply(frame);
      if (!change || !frontend) return;
      await ctx.subscribe(frontend, change.prefix, change.subscribe);
      // The node says what its XSUB asks the publishers for, as a SUB's topics say on a subscriber.
      const topics = downstream.topics();
      ctx.setDetail(
        topics.length
          ? phrase("detail.proxyUpstream", {
              topics: topics.map((t) => JSON.stringify(t)).join(", "),
            })
          : undefined,
      );
      ctx.log(
        phrase(change.subscribe ? "note.proxySubscribe" : "note.proxyUnsubscribe", {
          node: id,
          topic: change.topic,
          socket: `${id}.${frontend}`,
        }),
      );
    };

    return {
      start() {},
      async onMessage(msg: Received) {
        if (msg.socket === backend) return forwardSubscription(msg.frames[0]);
        if (!backend) return;
        await ctx.sleep(ctx.params.delayMs);
        if (!ctx.running()) return;
        // The frames travel unchanged: the topic stays first, so the subscribers' filters apply.
        const heard = downstream.matches(msg.frames[0]!);
        await ctx.send(backend, msg.frames, "publish", heard ? undefined : "no-subscriber");
      },
    };
  },
};
