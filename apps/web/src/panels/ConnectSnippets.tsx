/**
 * "Connect from outside": copyable pyzmq and zeromq.js code for a bound socket or an external peer
 * node (issue 7). The code comes from `connectSnippets` in @zmqp/export, the generator that also
 * writes exported programs (an external node's program is this code); this only shows it, folded
 * at the end of the inspector (the behaviour form comes first).
 */
import { connectSnippets, type SnippetLanguage, type SnippetResult } from "@zmqp/export";
import { isOutside, type GraphDoc, type GraphNode } from "@zmqp/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sayWith } from "../i18n/say.js";
import { useApp } from "../store/index.js";

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
  const { t } = useTranslation();
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
        <span className="chip">
          {t(result.action === "bind" ? "snippets.peerBind" : "snippets.peerConnect", {
            type: result.peerType,
            address: result.address,
          })}
        </span>
      </div>
      {result.note && (
        <p className="help">{result.notePhrase ? sayWith(t, result.notePhrase) : result.note}</p>
      )}
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
          {copied ? t("snippets.copied") : t("snippets.copy")}
        </button>
      </div>
      <pre className="snippet-code" aria-label={t("snippets.code")}>
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
  const { t } = useTranslation();
  const [host, setHost] = useState("");
  const options = host.trim() ? { host: host.trim() } : {};
  const results = node.sockets
    .map((sock) => ({ socket: sock.id, result: connectSnippets(doc, node.id, sock.id, options) }))
    .filter((r): r is { socket: string; result: SnippetResult & { ok: true } } => r.result.ok);
  if (results.length === 0) return null;
  // The address other machines use is only worth asking for when one is involved.
  const outside = isOutside(node);
  const showHost =
    outside || node.sockets.some((x) => x.bind.some((b) => /^tcp:\/\/(\*|0\.0\.0\.0):/.test(b)));
  return (
    <details className="fold" data-testid="inspector.snippets">
      <summary>
        <h3>{t("snippets.title")}</h3>
      </summary>
      <p className="help">{outside ? t("snippets.external") : t("snippets.bound")}</p>
      {showHost && (
        <div className="field">
          <label htmlFor="snippet-host">{t("snippets.host")}</label>
          <input
            id="snippet-host"
            value={host}
            placeholder="127.0.0.1"
            onChange={(e) => setHost(e.target.value)}
          />
          <p className="help">{t("snippets.hostHint")}</p>
        </div>
      )}
      {results.map((r) => (
        <SnippetBlock key={r.socket} socket={r.socket} result={r.result} />
      ))}
    </details>
  );
}
