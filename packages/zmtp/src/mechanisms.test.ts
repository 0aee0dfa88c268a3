import { describe, expect, it } from "vitest";
import { ZmtpDecoder } from "./decoder.js";
import { bytes, greetingRest, signature } from "./fixtures.test-helpers.js";

const command = (name: string, data: Uint8Array) =>
  bytes(0x04, 1 + name.length + data.length, name.length, name, data);

describe("security mechanisms", () => {
  it("CURVE: READY's metadata is not read out of ciphertext, and frames are marked encrypted", () => {
    const d = new ZmtpDecoder();
    const items = d.feed(
      bytes(
        signature(),
        greetingRest(1, "CURVE"),
        command("READY", bytes(11, "Socket-Type", 0, 0, 0, 3, "PUB")),
        bytes(0, 33, new Uint8Array(33).fill(7)),
      ),
    );
    const ready = items.find((i) => i.command === "READY")!;
    expect(ready.properties).toBeUndefined();
    expect(ready.summary).toBe("READY (metadata encrypted, CURVE)");
    const frame = items.find((i) => i.kind === "frame")!;
    expect(frame.summary).toMatch(/^encrypted frame, 33 B/);
    expect(frame.text).toBeUndefined();
  });

  it("PLAIN: HELLO shows the username, never the password", () => {
    const d = new ZmtpDecoder();
    const items = d.feed(
      bytes(
        signature(),
        greetingRest(1, "PLAIN"),
        command("HELLO", bytes(5, "admin", 6, "s3cret")),
      ),
    );
    const hello = items.find((i) => i.command === "HELLO")!;
    expect(hello.summary).toBe('HELLO username "admin", password not shown (PLAIN)');
    expect(JSON.stringify(hello)).not.toContain("s3cret");
    expect(JSON.stringify(hello)).not.toContain("73 33 63 72 65 74");
  });
});
