/**
 * `node --import tsx bench/tcp-kernel-fit.ts [--port 5795] [--size 10]`: how many small messages a
 * tcp link over loopback holds beyond the high-water marks, as template 11's tcp row has it (PUB
 * sndhwm 10, SUB rcvhwm 10, the subscriber not reading). The publisher sends until libzmq drops
 * (a PUB never blocks), the subscriber then reads everything that reached it. The figure is the
 * queue gauge's tcp note (packages/engine/src/queues/measured.ts, docs/queues.md).
 */
import { parseArgs } from "node:util";
import { Publisher, Subscriber } from "zeromq";

const { values } = parseArgs({
  options: { port: { type: "string", default: "5795" }, size: { type: "string", default: "10" } },
});
const address = `tcp://127.0.0.1:${values.port}`;
const HWM = 10;
/** Far more than any loopback buffer holds at this size: the rest must be dropped. */
const SENDS = 2_000_000;

const pub = new Publisher({ linger: 0, sendHighWaterMark: HWM });
const sub = new Subscriber({ linger: 0, receiveHighWaterMark: HWM });
/** A message, or null when none came within the socket's receive timeout. */
const receiveOrNull = () => sub.receive().catch(() => null);
const body = (n: number) => Buffer.from(`tick ${n}`.padEnd(Number(values.size), " "));
try {
  await pub.bind(address);
  sub.connect(address);
  sub.subscribe("tick");
  // Until the subscription has reached the publisher, what it sends is dropped for no subscriber.
  sub.receiveTimeout = 50;
  for (;;) {
    await pub.send(body(-1));
    if (await receiveOrNull()) break;
  }
  // Drain the warm-up ticks, then the subscriber stops reading.
  sub.receiveTimeout = 200;
  while (await receiveOrNull());
  for (let n = 0; n < SENDS; n++) {
    await pub.send(body(n));
    // Give the I/O threads time to move bytes into the kernel buffers now and then.
    if (n % 10_000 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 500));
  sub.receiveTimeout = 500;
  let received = 0;
  let last = -1;
  let gapAt = -1;
  for (;;) {
    const frames = await receiveOrNull();
    if (!frames) break;
    const n = Number(/tick (-?\d+)/.exec(frames[0]!.toString())?.[1]);
    if (gapAt < 0 && last >= 0 && n !== last + 1) gapAt = received;
    last = n;
    received++;
  }
  console.log(
    JSON.stringify({
      case: "tcp-kernel-fit",
      messageBytes: body(0).length,
      hwm: { send: HWM, receive: HWM },
      sent: SENDS,
      received,
      // Messages in one unbroken run from the first one after the subscriber stopped reading.
      beforeFirstGap: gapAt < 0 ? received : gapAt,
    }),
  );
} finally {
  pub.close();
  sub.close();
}
