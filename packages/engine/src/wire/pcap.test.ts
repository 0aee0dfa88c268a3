import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Reply, Request } from "zeromq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TcpRelay } from "./relay.js";

// Debian's tshark 4.0 has no ZMTP dissector of its own: we ship one in packages/zmtp/wireshark.
const LUA = fileURLToPath(new URL("../../../zmtp/wireshark/zmtp.lua", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "zmqp-pcap-"));
const file = join(dir, "req-rep.pcap");
let realPort = 0;

function tshark(...args: string[]): string {
  return execFileSync("tshark", ["-r", file, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 20_000,
  });
}

beforeAll(async () => {
  const rep = new Reply({ linger: 0 });
  await rep.bind("tcp://127.0.0.1:*");
  realPort = Number(/:(\d+)$/.exec(rep.lastEndpoint ?? "")?.[1]);
  const relay = new TcpRelay({ target: { host: "127.0.0.1", port: realPort } });
  await relay.listen();
  const req = new Request({ linger: 0, routingId: "me" });
  req.connect(relay.endpoint);
  for (const word of ["hello", "again"]) {
    await req.send(word);
    const [got] = await rep.receive();
    await rep.send(`${got} back`);
    await req.receive();
  }
  req.close();
  // Wait for the relay to see the close, so the capture ends with FINs.
  const end = Date.now() + 2000;
  while (relay.openConnections > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  writeFileSync(file, relay.pcap());
  await relay.close();
  rep.close();
});

afterAll(() => process.env.KEEP_PCAP || rmSync(dir, { recursive: true, force: true }));

describe("pcap export", () => {
  it("is a capture tshark reads as one clean TCP stream (no missing or out-of-order segments)", () => {
    const streams = tshark("-T", "fields", "-e", "tcp.stream").trim().split("\n");
    expect(new Set(streams)).toEqual(new Set(["0"]));
    const summary = tshark();
    expect(summary).toContain("[SYN]");
    expect(summary).toContain("[FIN, ACK]");
    expect(tshark("-Y", "tcp.analysis.flags || ip.checksum.status == 0").trim()).toBe("");
    // The reassembled client stream starts with the greeting signature.
    const follow = tshark("-q", "-z", "follow,tcp,raw,0");
    expect(follow).toMatch(/^ff00000000000000037f/m);
  });

  it("is decoded by tshark as ZMTP: greeting, READY with Socket-Type, frames with MORE", () => {
    const out = tshark("-X", `lua_script:${LUA}`, "-d", `tcp.port==${realPort},zmtp`, "-V");
    expect(out).toContain("ZeroMQ Message Transport Protocol");
    expect(out).toMatch(/Version: 3\.1/);
    expect(out).toMatch(/Mechanism: NULL/);
    expect(out).toMatch(/Command: READY/);
    expect(out).toMatch(/Property: Socket-Type: REQ/);
    expect(out).toMatch(/Property: Identity: me/);
    expect(out).toMatch(/Property: Socket-Type: REP/);
    expect(out).toMatch(/Text: hello/);
    expect(out).toMatch(/Text: again back/);
    expect(out).toMatch(/MORE: True/);
  });

  it("is recognised as ZMTP on any port, without Decode As, from the greeting", () => {
    const out = tshark("-X", `lua_script:${LUA}`);
    // Info column lines: how TCP chunked the bytes varies, the decoded units do not.
    expect(out).toMatch(/ZMTP \d+ .*Greeting 3\.1 NULL/);
    expect(out).toMatch(/ZMTP \d+ .*READY Socket-Type=REP/);
    expect(out).toMatch(/ZMTP \d+ .*READY Socket-Type=REQ Identity=me/);
    expect(out).toMatch(/ZMTP \d+ .*Frame\+ \(empty\), Frame hello back/);
  });
});
