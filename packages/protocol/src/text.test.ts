import { describe, expect, it } from "vitest";
import {
  EN_TEXT,
  ERROR_CODES,
  english,
  fill,
  localized,
  parseEndpoint,
  phrase,
  validateGraph,
  type PhraseKey,
} from "./index.js";

describe("phrases", () => {
  it("fill replaces {{name}} and leaves unknown names as they are", () => {
    expect(fill("port {{port}} of {{ host }}", { port: 5555, host: "h" })).toBe("port 5555 of h");
    expect(fill("{{missing}}!", {})).toBe("{{missing}}!");
  });

  it("english formats a phrase whose parameter is a phrase", () => {
    const p = phrase("diag.badBind", {
      socket: "s.rep",
      reason: phrase("endpoint.portRange", { port: "70000" }),
    });
    expect(english(p)).toBe("s.rep: port 70000 is outside 1-65535 (zeromq would silently wrap it)");
  });

  it("every stable error code has its English", () => {
    for (const code of Object.values(ERROR_CODES))
      expect(EN_TEXT[`errors.${code}` as PhraseKey], code).toMatch(/\S/);
  });

  it("every template is a non-empty string whose {{params}} are plain names", () => {
    for (const [key, text] of Object.entries(EN_TEXT)) {
      expect(text, key).toMatch(/\S/);
      for (const m of text.matchAll(/\{\{([^}]*)\}\}/g)) expect(m[1], key).toMatch(/^\s*\w+\s*$/);
    }
  });

  it("a diagnostic's message is its phrase in English", () => {
    const diags = validateGraph({
      version: 1,
      nodes: [
        { id: "a", role: "server", sockets: [{ id: "rep", type: "REP", bind: ["tcp://x:70000"] }] },
        { id: "a", role: "client", sockets: [{ id: "req", type: "REQ" }] },
      ],
      links: [{ id: "l", from: { node: "a", socket: "req" }, to: { node: "nope", socket: "x" } }],
    });
    expect(diags.length).toBeGreaterThan(2);
    for (const d of diags) expect(d.message).toBe(english(d.phrase));
  });

  it("an endpoint refusal carries its phrase", () => {
    const r = parseEndpoint("udp://x");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(english(r.phrase));
  });

  it("localized picks the language, then English, then any", () => {
    expect(localized("plain", "zh-TW")).toBe("plain");
    expect(localized({ en: "a", "zh-TW": "甲" }, "zh-TW")).toBe("甲");
    expect(localized({ en: "a" }, "zh-TW")).toBe("a");
    expect(localized({ "zh-TW": "甲" }, "en")).toBe("甲");
    expect(localized(undefined)).toBeUndefined();
  });
});
