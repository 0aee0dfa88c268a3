import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it } from "vitest";
import { ZmtpDecoder } from "@zmqp/zmtp";
import { frame, greeting, longFrame, readyRep } from "@zmqp/zmtp/test-helpers";
import { i18n } from "../i18n/index.js";
import { WireTable } from "./WireTable.js";
import type { WireRow } from "./wireSlice.js";

/** A REP's side of a connection: greeting, READY, a reply (delimiter + "World"), a 300 B frame. */
function rows(): WireRow[] {
  const d = new ZmtpDecoder();
  const items = [
    ...d.feed(Uint8Array.from([...greeting(1), ...readyRep])),
    ...d.feed(Uint8Array.from([...frame("", true), ...frame("World")])),
    ...d.feed(longFrame(300)),
  ];
  return items.map((item, i) => ({ key: i + 1, t: 0, conn: 1, direction: "s2c", item }));
}

function show(open: number[], lang = "en"): string {
  void i18n.changeLanguage(lang);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <WireTable link="l1" rows={rows()} open={new Set(open)} onToggle={() => undefined} />
    </I18nextProvider>,
  );
}

afterEach(() => void i18n.changeLanguage("en"));

describe("WireTable", () => {
  it("shows one row per item with its direction, connection, flags and command name", () => {
    const html = show([]);
    expect(html.match(/data-testid="wire.row"/g)).toHaveLength(6);
    expect(html).toContain('aria-label="ZMTP items on link l1"');
    expect(html).toContain("binding side to connecting side");
    expect(html).toContain('<span class="wire-badge b-READY">READY</span>');
    expect(html).toContain('<span class="wire-badge b-MORE">MORE</span>');
    expect(html).toContain('<span class="wire-badge b-LONG">LONG</span>');
    expect(html).toContain('<span class="wire-badge b-ZMTP">ZMTP 3.1</span>');
    expect(html).toContain("Socket-Type=REP");
    expect(html).not.toContain('data-testid="wire.field"');
  });

  it("expands an item to one row per field with the raw bytes beside the value", () => {
    const html = show([3]);
    expect(html).toContain('aria-expanded="true"');
    const prop = html.match(/<tr data-testid="wire.field" data-name="Socket-Type">.*?<\/tr>/)?.[0];
    expect(prop).toContain('<td class="wire-value" data-verbatim="true">REP</td>');
    expect(prop).toContain("<code>00 00 00 03 52 45 50</code>");
    expect(html).toContain("Raw bytes");
  });

  it("speaks Traditional Chinese", () => {
    const html = show([2], "zh-TW");
    expect(html).toContain("原始位元組");
    expect(html).toContain("綁定端 → 連線端");
    // The decoder's English summaries are said again from the decoded fields.
    expect(html).toContain("簽章 ff … 7f（ZMTP 3 問候訊息的開頭）");
    expect(html).toContain("問候訊息");
    expect(html).not.toMatch(/>[^<]*greeting/);
    expect(html).not.toContain("signature ff");
  });
});
