import { parseGraph, type GraphDoc } from "@zmqp/protocol";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it } from "vitest";
import crossMachine from "../../../../scenarios/06-cross-machine.json";
import crossBroker from "../../../../scenarios/07-cross-machine-broker.json";
import { i18n } from "../i18n/index.js";
import { ConnectSnippetsView } from "./ConnectSnippets.js";

function show(raw: unknown, nodeId: string, lang = "en"): string {
  const doc = parseGraph(raw, { allowExternal: true }).doc as GraphDoc;
  void i18n.changeLanguage(lang);
  const node = doc.nodes.find((n) => n.id === nodeId)!;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ConnectSnippetsView doc={doc} node={node} />
    </I18nextProvider>,
  );
}

afterEach(() => void i18n.changeLanguage("en"));

describe("ConnectSnippets", () => {
  it("shows the 06 server's pyzmq client code, the address to dial and a copy button", () => {
    const html = show(crossMachine, "server");
    expect(html).toContain("Connect from outside");
    expect(html).toContain("REQ socket, connect tcp://127.0.0.1:5555");
    expect(html).toContain("&quot;ZMQP_CONNECT_PEER&quot;, &quot;tcp://127.0.0.1:5555&quot;)");
    expect(html).toContain("sock.connect(ADDRESS)");
    expect(html).toContain("zmq.REQ");
    expect(html).toContain('data-testid="snippets.rep.copy"');
    // Bound on every interface: the page asks for the address other machines use.
    expect(html).toContain('id="snippet-host"');
  });

  it("tells an external worker node to run a REP that dials the broker's backend, in Chinese too", () => {
    const html = show(crossBroker, "remote-worker", "zh-TW");
    expect(html).toContain("從外部連線");
    expect(html).toContain("REP 通訊端，連線到 tcp://127.0.0.1:5560");
    expect(html).toContain("綁定在所有網路介面上");
  });

  it("shows nothing for a socket that only connects", () => {
    expect(show(crossMachine, "client")).toBe("");
  });
});
