/**
 * "Connect from outside": copyable pyzmq and zeromq.js code for a bound socket or an external peer
 * node (issue 7). The code comes from `connectSnippets` in @zmqp/export, the generator that also
 * writes exported programs (an external node's program is this code); this only shows it.
 * Strings live here, in both locales, so the panel stays one self-contained file.
 */
import { connectSnippets, type SnippetLanguage, type SnippetResult } from "@zmqp/export";
import type { GraphDoc, GraphNode } from "@zmqp/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";

const TEXT = {
  en: {
    title: "Connect from outside",
    external: "This node is a program the playground does not run. Start it with:",
    bound: "Another program (any language, any machine that can reach this address) can join:",
    host: "This machine's address",
    hostHint: "as other machines reach it, e.g. 192.168.1.20",
    copy: "Copy",
    copied: "Copied",
    peer: (type: string, action: string, address: string) => `${type} socket, ${action} ${address}`,
  },
  "zh-TW": {
    title: "從外部連線",
    external: "這個節點是 playground 不執行的程式。用下面的程式啟動它：",
    bound: "其他程式（任何語言、任何能連到這個位址的機器）都可以加入：",
    host: "這台機器的位址",
    hostHint: "其他機器連到它用的位址，例如 192.168.1.20",
    copy: "複製",
    copied: "已複製",
    peer: (type: string, action: string, address: string) =>
      `${type} socket，${action === "bind" ? "綁定" : "連線到"} ${address}`,
  },
} as const;

const LANGS: { key: SnippetLanguage; label: string }[] = [
  { key: "python", label: "Python (pyzmq)" },
  { key: "node", label: "Node (zeromq.js)" },
];

function SnippetBlock({
  result,
  socket,
}: {
  result: SnippetResult & { ok: true };
  socket: string;
}) {
  const { i18n } = useTranslation();
  const s = i18n.language === "zh-TW" ? TEXT["zh-TW"] : TEXT.en;
  const [lang, setLang] = useState<SnippetLanguage>("python");
  const [copied, setCopied] = useState(false);
  const snippet = result.snippets.find((x) => x.language === lang)!;
  const copy = () => {
    void navigator.clipboard?.writeText(snippet.code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <div className="socket-block" data-testid={`snippets.${socket}`}>
      <div className="socket-head">
        <b>{socket}</b>{" "}
        <span className="chip">{s.peer(result.peerType, result.action, result.address)}</span>
      </div>
      {result.note && <p className="help">{result.note}</p>}
      <div role="tablist">
        {LANGS.map((l) => (
          <button
            key={l.key}
            role="tab"
            aria-selected={lang === l.key}
            data-testid={`snippets.${socket}.${l.key}`}
            onClick={() => setLang(l.key)}
          >
            {l.label}
          </button>
        ))}
        <button onClick={copy} data-testid={`snippets.${socket}.copy`}>
          {copied ? s.copied : s.copy}
        </button>
      </div>
      <pre>
        <code>{snippet.code}</code>
      </pre>
    </div>
  );
}

/** Snippets for the selected node, from the document being edited. */
export function ConnectSnippets({ node }: { node: GraphNode }) {
  const doc = useApp((st) => st.doc);
  return <ConnectSnippetsView doc={doc} node={node} />;
}

/** Shows snippets for every socket of `node` that outside code can use; nothing otherwise. */
export function ConnectSnippetsView({ doc, node }: { doc: GraphDoc; node: GraphNode }) {
  const { i18n } = useTranslation();
  const s = i18n.language === "zh-TW" ? TEXT["zh-TW"] : TEXT.en;
  const [host, setHost] = useState("");
  const options = host.trim() ? { host: host.trim() } : {};
  const results = node.sockets
    .map((sock) => ({ socket: sock.id, result: connectSnippets(doc, node.id, sock.id, options) }))
    .filter((r): r is { socket: string; result: SnippetResult & { ok: true } } => r.result.ok);
  if (results.length === 0) return null;
  // The address other machines use is only worth asking for when one is involved.
  const showHost =
    node.role === "external" ||
    node.sockets.some((x) => x.bind.some((b) => /^tcp:\/\/(\*|0\.0\.0\.0):/.test(b)));
  return (
    <section data-testid="inspector.snippets">
      <h3>{s.title}</h3>
      <p className="help">{node.role === "external" ? s.external : s.bound}</p>
      {showHost && (
        <div className="field">
          <label htmlFor="snippet-host">{s.host}</label>
          <input
            id="snippet-host"
            value={host}
            placeholder="127.0.0.1"
            onChange={(e) => setHost(e.target.value)}
          />
          <p className="help">{s.hostHint}</p>
        </div>
      )}
      {results.map((r) => (
        <SnippetBlock key={r.socket} socket={r.socket} result={r.result} />
      ))}
    </section>
  );
}
