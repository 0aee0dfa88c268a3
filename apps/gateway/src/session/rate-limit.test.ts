import { describe, expect, it } from "vitest";
import { TokenBucket } from "./rate-limit.js";

describe("TokenBucket", () => {
  it("allows a burst, refuses the flood, then refills with time", () => {
    let now = 0;
    const b = new TokenBucket(10, 5, () => now);
    let ok = 0;
    for (let i = 0; i < 100; i++) if (b.take()) ok++;
    expect(ok).toBe(10);
    now += 1000;
    ok = 0;
    for (let i = 0; i < 100; i++) if (b.take()) ok++;
    expect(ok).toBe(5);
    expect(b.take(6)).toBe(false);
  });
});
