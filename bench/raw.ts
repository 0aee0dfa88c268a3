/**
 * The baseline: plain zeromq.js, written the way the notes measured it (zeromq-notes §6): await each
 * send, one `for await` receive loop, tcp loopback, 16-byte messages, high-water marks 10000.
 */
import { Pull, Push, Reply, Request } from "zeromq";
import { startClock, type Rate } from "./clock.js";

const MESSAGE = Buffer.alloc(16, "x");
const HWM = 10_000;

/** PUSH→PULL: messages per second from the first send to the last receive. */
export async function rawThroughput(port: number, n: number): Promise<Rate> {
  const pull = new Pull({ linger: 0, receiveHighWaterMark: HWM });
  const push = new Push({ linger: 0, sendHighWaterMark: HWM });
  try {
    await pull.bind(`tcp://127.0.0.1:${port}`);
    push.connect(`tcp://127.0.0.1:${port}`);
    // One message first, so connecting is not part of the measurement.
    await push.send(MESSAGE);
    await pull.receive();
    let received = 0;
    const stop = startClock();
    const receiving = (async () => {
      for await (const _ of pull) if (++received === n) break;
    })();
    for (let i = 0; i < n; i++) await push.send(MESSAGE);
    await receiving;
    return stop(n);
  } finally {
    push.close();
    pull.close();
  }
}

/** REQ/REP: each round trip's time in microseconds. */
export async function rawRoundTrips(port: number, n: number): Promise<number[]> {
  const rep = new Reply({ linger: 0 });
  const req = new Request({ linger: 0 });
  try {
    await rep.bind(`tcp://127.0.0.1:${port}`);
    req.connect(`tcp://127.0.0.1:${port}`);
    const serving = (async () => {
      for await (const [msg] of rep) await rep.send(msg!);
    })();
    const out: number[] = [];
    for (let i = 0; i < n + 1; i++) {
      const t0 = process.hrtime.bigint();
      await req.send(MESSAGE);
      await req.receive();
      // The first round trip includes connecting: leave it out.
      if (i > 0) out.push(Number(process.hrtime.bigint() - t0) / 1e3);
    }
    rep.close();
    await serving;
    return out;
  } finally {
    req.close();
    rep.close();
  }
}
