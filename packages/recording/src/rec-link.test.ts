/** Recording links: a committed recording round-trips through `#rec=`; a cut or changed link is refused with its reason. */
import { readFileSync } from "node:fs";
import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { toBase64Url } from "./base64url.js";
import { crc32 } from "./crc32.js";
import { decodeRecording } from "./reader.js";
import { readRecLinkFragment, recLinkFragment } from "./rec-link.js";
import { MAX_SHARE_LINK_CHARS } from "./share.js";

const bytes = new Uint8Array(
  readFileSync(new URL("../../../scenarios/recordings/01-hello-world.zmqrec", import.meta.url)),
);

describe("a recording shared by link", () => {
  const link = recLinkFragment(bytes);

  it("round-trips a real template recording byte for byte, and fits a link", () => {
    expect(link.startsWith("#rec=1.")).toBe(true);
    expect(link.length).toBeLessThan(MAX_SHARE_LINK_CHARS);
    const r = readRecLinkFragment(link);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bytes).toEqual(bytes);
    const direct = decodeRecording(bytes);
    expect(direct.ok && r.data).toEqual(direct.ok && direct.data);
  });

  it("refuses a changed, cut, newer or foreign link with its reason", () => {
    const body = link.lastIndexOf(".") + 1;
    const at = body + Math.floor((link.length - body) / 2);
    const swap = link[at] === "A" ? "B" : "A";
    const cases: [string, string][] = [
      [link.slice(0, at) + swap + link.slice(at + 1), "changed"],
      [link.slice(0, body + 40), "incomplete"],
      [link.slice(0, -20), "incomplete"],
      [link.replace("#rec=1.", "#rec=2."), "newer"],
      [link.replace(/\.[0-9a-f]{8}\./, ".00000000."), "changed"],
      ["#rec=", "incomplete"],
      ["#rec=1..", "incomplete"],
      [link + "!", "changed"],
    ];
    for (const [hash, reason] of cases) {
      const r = readRecLinkFragment(hash);
      expect(r, `${reason}: ${hash.slice(0, 40)}`).toMatchObject({
        ok: false,
        code: "ZMQP_ERR_BAD_SHARE_LINK",
        reason,
      });
      if (!r.ok) expect(r.message).toMatch(/^This recording link cannot be opened: .+: .+\.$/);
    }
  });

  it("refuses a link whose checksum matches but which holds no recording", () => {
    const junk = strToU8('{"not": "a recording"}');
    const hash = `#rec=1.${crc32(junk)}.${toBase64Url(deflateSync(junk))}`;
    expect(readRecLinkFragment(hash)).toMatchObject({ ok: false, reason: "notRecording" });
  });
});
