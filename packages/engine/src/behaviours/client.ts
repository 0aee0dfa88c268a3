/**
 * client (REQ): sends on an interval or on "Send now" and waits for the reply. A REQ may not send
 * again before its reply, so a lost reply leaves a plain REQ stuck forever: we show that ("stuck")
 * instead of hanging anything. With a timeout and lazyPirate, on timeout the socket is closed and
 * reopened and the request resent, up to `retries` times (the guide's Lazy Pirate).
 */
import { phrase, type BehaviourParams } from "@zmqp/protocol";
import { fillPayload } from "../frames.js";
import type { BehaviourContext, BehaviourSpec } from "./types.js";

type Params = BehaviourParams<"client">;

/** A plain REQ waiting this long shows "stuck": it will wait forever. */
const STUCK_AFTER_MS = 2000;

function createClient(ctx: BehaviourContext<Params>) {
  const p = ctx.params;
  let n = 0;
  let waiting: { body: string; attempt: number; since: number; cancel: () => void } | null = null;

  // A plain REQ shows "stuck" after STUCK_AFTER_MS. Not one timer per request (a round trip takes
  // ~100 µs): one check at a time, re-armed for the request still waiting when it fires.
  let stuckCheck: (() => void) | null = null;
  const checkStuck = (delay: number) => {
    stuckCheck = ctx.after(delay, () => {
      stuckCheck = null;
      if (!waiting || p.timeoutMs > 0) return;
      // Step mode holding a send, or latency the person added, delays the reply on purpose: the
      // wait starts over once nothing is held, and a slow link adds its latency (a request and
      // its reply cross up to two links each way, as through a broker).
      const heldFor = ctx.heldFor();
      if (heldFor === Infinity) {
        waiting.since = ctx.now();
        return checkStuck(STUCK_AFTER_MS);
      }
      const left = waiting.since + STUCK_AFTER_MS + 4 * heldFor - ctx.now();
      if (left > 0) return checkStuck(left);
      ctx.setActivity("stuck", phrase("detail.stuckForever", { body: waiting.body }));
    });
  };
  const noop = () => {};

  const arm = (body: string) => {
    if (p.timeoutMs > 0) return ctx.after(p.timeoutMs, () => void onTimeout(body));
    if (!stuckCheck) checkStuck(STUCK_AFTER_MS);
    return noop;
  };

  const send = async (body: string, attempt: number) => {
    waiting = { body, attempt, since: ctx.now(), cancel: arm(body) };
    // The request goes out first (MessagePath.send reaches zeromq synchronously), then the status: the
    // round trip does not wait for a status event. The reply cannot be handled before this ends.
    const sending = ctx.send("req", [body], "request");
    if (attempt === 0) ctx.setActivity("waiting", phrase("detail.waitingReply", { body }));
    const ok = await sending;
    if (!ok && waiting?.body === body && p.timeoutMs === 0) {
      waiting.cancel();
      waiting = null;
      ctx.setActivity("idle", phrase("detail.couldNotSend", { body }));
    }
  };

  const request = (override?: string, byHand = false) => {
    if (!ctx.running()) return;
    if (waiting) {
      // On the interval this is just a skipped tick; asked by hand, say why nothing happens.
      if (byHand) ctx.log(phrase("note.reqBusy", { node: ctx.node.id }), "warn");
      return;
    }
    if (override === undefined && p.maxRequests > 0 && n >= p.maxRequests) return;
    n++;
    void send(override ?? fillPayload(p.payload, n), 0);
  };

  const onTimeout = async (body: string) => {
    if (!waiting || waiting.body !== body || !ctx.running()) return;
    const attempt = waiting.attempt;
    if (!p.lazyPirate) {
      ctx.setActivity("stuck", phrase("detail.stuckTimeout", { body, ms: p.timeoutMs }));
      return;
    }
    ctx.drop("req", "timeout");
    await ctx.reopen("req");
    if (!ctx.running()) return;
    if (attempt >= p.retries) {
      waiting = null;
      ctx.setActivity("gave-up", phrase("detail.gaveUp", { body, retries: p.retries }));
      return;
    }
    ctx.setActivity(
      "retrying",
      phrase("detail.retrying", {
        ms: p.timeoutMs,
        body,
        attempt: attempt + 1,
        retries: p.retries,
      }),
    );
    await send(body, attempt + 1);
  };

  return {
    start() {
      ctx.setActivity("idle");
      if (p.intervalMs > 0) {
        request();
        ctx.every(p.intervalMs, () => request());
      }
    },
    onMessage({ frames }: { frames: Buffer[] }) {
      if (!waiting) return;
      waiting.cancel();
      const body = waiting.body;
      waiting = null;
      const reply = frames[frames.length - 1]?.toString() ?? "";
      ctx.setActivity("idle", `"${body}" → "${reply}"`);
    },
    sendNow(payload?: string) {
      request(payload, true);
    },
  };
}

export const client: BehaviourSpec<Params> = { create: createClient };
