/** The bounds on what closed sockets' late receives are matched against (late-sends.ts). */
import { describe, expect, it } from "vitest";
import { LateSends, MAX_LATE_SENDS } from "./late-sends.js";
import { PendingSend } from "./pending-send.js";

const send = (id: number, body: string | Buffer) =>
  new PendingSend(id, typeof body === "string" ? Buffer.from(body) : body, 0, "task", undefined);
const sends = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => send(from + i, `m${from + i}`));

describe("LateSends", () => {
  it("keeps the oldest MAX_LATE_SENDS a socket owed, and hands each out once, to one receiver", () => {
    const late = new LateSends();
    late.retire("a/push", sends(MAX_LATE_SENDS + 10), false);
    expect(late.take("a/push", "r/pull", Buffer.from("m0"))?.send.id).toBe(0);
    expect(late.take("a/push", "r/pull", Buffer.from("m0"))).toBeUndefined();
    expect(late.take("a/push", "r/pull", Buffer.from(`m${MAX_LATE_SENDS}`))).toBeUndefined();
  });

  it("looks a short way past each receiver's last one: round-robin to two receivers still matches", () => {
    const late = new LateSends();
    late.retire("a/push", sends(200), false);
    // r1 got the even ones, r2 the odd ones; r2 never reads: r1 still finds each of its own.
    for (let i = 0; i < 200; i += 2)
      expect(late.take("a/push", "r1/pull", Buffer.from(`m${i}`))?.send.id).toBe(i);
    // A body far past the receiver's place is not looked for (a flood costs a short scan each).
    const far = new LateSends();
    far.retire("a/push", sends(200), false);
    expect(far.take("a/push", "r/pull", Buffer.from("m150"))).toBeUndefined();
  });

  it("keeps at most 4 MB of bodies a socket and the newest 8 sockets; all taken, the socket goes", () => {
    const late = new LateSends();
    const big = Buffer.alloc(1024 * 1024, 1);
    late.retire(
      "big/push",
      [0, 1, 2, 3, 4].map((i) => send(i, big)),
      false,
    );
    for (let i = 0; i < 4; i++) expect(late.take("big/push", "r", big)?.send.id).toBe(i);
    expect(late.take("big/push", "r", big)).toBeUndefined();
    for (let k = 0; k < 9; k++) late.retire(`s${k}/push`, sends(1, k), false);
    expect(late.take("s0/push", "r", Buffer.from("m0"))).toBeUndefined();
    expect(late.take("s8/push", "r", Buffer.from("m8"))?.send.id).toBe(8);
    expect(late.empty).toBe(false);
    for (let k = 1; k < 8; k++) late.take(`s${k}/push`, "r", Buffer.from(`m${k}`));
    expect(late.empty).toBe(true);
  });

  it("fan-out: each subscriber takes a publish once; it leaves the closed tally with the first", () => {
    const late = new LateSends();
    late.retire("pub/pub", sends(3), true);
    expect(late.take("pub/pub", "sub-1/sub", Buffer.from("m0"))).toMatchObject({ first: true });
    expect(late.take("pub/pub", "sub-2/sub", Buffer.from("m0"))).toMatchObject({ first: false });
    expect(late.take("pub/pub", "sub-1/sub", Buffer.from("m0"))).toBeUndefined();
    expect(late.take("pub/pub", "sub-2/sub", Buffer.from("m2"))).toMatchObject({ first: true });
  });
});
