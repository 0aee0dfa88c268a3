/** Share links: a graph round-trips through the fragment; a changed or cut link is refused with its reason. */
import { parseGraph, type GraphDoc } from "@zmqp/protocol";
import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { toBase64Url } from "./base64url.js";
import { crc32 } from "./crc32.js";
import { MAX_SHARE_LINK_CHARS, readShareFragment, shareFragment } from "./share.js";

function bigGraph(n: number): GraphDoc {
  const nodes = [
    {
      id: "server",
      role: "server",
      sockets: [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:5555"] }],
      position: { x: 0, y: 0 },
    },
    ...Array.from({ length: n - 1 }, (_, i) => ({
      id: `client-${i + 1}`,
      role: "client",
      label: `客戶端 ${i + 1} "quoted" & <tagged>`,
      sockets: [{ id: "req", type: "REQ" }],
      params: { intervalMs: 500 + i, payload: `job {n} from ${i}` },
      position: { x: 200 + (i % 10) * 120, y: Math.floor(i / 10) * 90 },
    })),
  ];
  const links = nodes.slice(1).map((c) => ({
    id: `l-${c.id}`,
    from: { node: c.id, socket: "req" },
    to: { node: "server", socket: "rep" },
  }));
  const parsed = parseGraph({ version: 1, name: "fifty", nodes, links });
  if (!parsed.doc) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.doc;
}

describe("a graph shared by link", () => {
  const doc = bigGraph(50);
  const link = shareFragment(doc);

  it("round-trips a 50-node graph, and fits a link", () => {
    expect(link.startsWith("#graph=1.")).toBe(true);
    expect(link.length).toBeLessThan(MAX_SHARE_LINK_CHARS);
    expect(link.length).toBeLessThan(JSON.stringify(doc).length / 3);
    expect(readShareFragment(link)).toEqual({ ok: true, doc });
  });

  it("refuses a changed, cut, newer or foreign link with its reason", () => {
    const body = link.lastIndexOf(".") + 1;
    const at = body + Math.floor((link.length - body) / 2);
    const swap = link[at] === "A" ? "B" : "A";
    const changed = link.slice(0, at) + swap + link.slice(at + 1);
    const cases: [string, string][] = [
      [changed, "changed"],
      [link.slice(0, body + 40), "incomplete"],
      [link.replace("#graph=1.", "#graph=2."), "newer"],
      [link.replace(/\.[0-9a-f]{8}\./, ".00000000."), "changed"],
      ["#graph=", "incomplete"],
      ["#graph=1..", "incomplete"],
      [link + "!", "changed"],
    ];
    for (const [hash, reason] of cases) {
      const r = readShareFragment(hash);
      expect(r, hash.slice(0, 40)).toMatchObject({
        ok: false,
        code: "ZMQP_ERR_BAD_SHARE_LINK",
        reason,
      });
      if (!r.ok) expect(r.message).toMatch(/^This share link cannot be opened: .+: .+\.$/);
    }
  });

  it("refuses a link holding something else, or a graph past the document limit", () => {
    const wrap = (text: string) => {
      const bytes = strToU8(text);
      return `#graph=1.${crc32(bytes)}.${toBase64Url(deflateSync(bytes))}`;
    };
    expect(readShareFragment(wrap('{"nodes": "no"}'))).toMatchObject({ reason: "notGraph" });
    expect(readShareFragment(wrap("not json"))).toMatchObject({ reason: "notGraph" });
    expect(readShareFragment(wrap(" ".repeat(600 * 1024)))).toMatchObject({ reason: "tooLarge" });
  });
});
