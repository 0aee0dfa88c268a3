/**
 * Finds English a Traditional Chinese reader would meet on a screen. Allowed: ZeroMQ's and
 * networking's technical terms (the allow-list below), the document's own names (node and socket
 * ids, labels, link ids, topics; kebab-case ids such as server-a), and what a page shows verbatim:
 * code, quoted text ("…", 「…」), addresses, file names, error codes, hex bytes, and elements
 * marked `data-verbatim` (message payloads, decoded ZMTP fields). Everything else in Latin letters is English prose that escaped the locale files.
 */
import type { Locator } from "@playwright/test";

function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

/**
 * Terms a Taiwanese developer reads as is: socket types, the guide's vocabulary (used as is in
 * Taiwanese technical writing) and its example programs, transports, tools, keys.
 * Case-insensitive; a plural `s` is allowed.
 */
const TECHNICAL_TERMS = words(`
  ZeroMQ ZMQ ZMTP libzmq pyzmq zeromq REQ REP ROUTER DEALER PUB SUB XPUB XSUB PUSH PULL PAIR
  STREAM HWM NULL PLAIN CURVE READY SUBSCRIBE CANCEL MORE LONG COMMAND Socket-Type Identity
  socket broker worker client server sink ventilator bind connect context routing id frame
  envelope greeting pipe loopback external immediate send kill tick as-server no-subscriber hwm
  rrbroker TCP ipc inproc IP RFC HTTP API JSON pcap Wireshark tshark lua Python Node js nc Unix
  Windows EADDRINUSE EFSM EAGAIN EHOSTUNREACH setsockopt MB KB ms EN Ctrl Shift Enter Esc Delete Tab pnpm zmqp zmqrec
  hwclient hwserver wuserver wuclient wuproxy taskvent taskwork tasksink rrclient rrworker`);

/** Multi-word terms and names, removed before words are looked at. */
const PHRASES = [
  "ØMQ",
  "Lazy Pirate",
  "slow joiner",
  "fair queuing",
  "high-water mark",
  "round-robin",
  "domain socket",
  "inter-process",
  "inter-thread",
  "hello world",
  "React Flow",
  "Decode As",
  "Address already in use",
  "zeromq.js",
  "ZMQError",
];

const ALLOWED = new Set(TECHNICAL_TERMS.map((t) => t.toLowerCase()));

export interface Finding {
  word: string;
  context: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** English words in `text` outside the allow-list, with a little context each. */
export function englishIn(text: string, names: Iterable<string> = []): Finding[] {
  let t = text
    .replace(/"[^"\n]*"/g, " ")
    .replace(/「[^」]*」/g, " ")
    .replace(/“[^”]*”/g, " ")
    .replace(/\b(?:tcp|ipc|inproc|https?):\/\/\S*/g, " ")
    .replace(/\S*\/\S*/g, " ")
    .replace(/\S+\.(?:lua|pcap|py|mjs|json)\b/g, " ")
    .replace(/\bZMQP_ERR_\w+/g, " ")
    .replace(/--[\w-]+/g, " ")
    .replace(/\{[a-z]+\}/g, " ")
    .replace(/\b0x[0-9a-f]+\b/gi, " ")
    // Runs of hex bytes ("ff … 7f", "01 00").
    .replace(/\b[0-9a-f]{2}(?:\s*…\s*[0-9a-f]{2}\b|(?:\s+[0-9a-f]{2}\b)+)/gi, " ")
    // Ids in kebab case ending in a number or a letter (server-a, worker-13-2): names, not words.
    .replace(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:\d+|[a-z])\b/g, " ");
  const removable = [...new Set([...names].filter((n) => n.length > 0))]
    .concat(PHRASES)
    .sort((a, b) => b.length - a.length);
  for (const r of removable)
    t = t.replace(new RegExp(`(^|[^A-Za-z0-9_-])${escape(r)}(?![A-Za-z0-9_])`, "gi"), "$1 ");
  const out: Finding[] = [];
  for (const m of t.matchAll(/[A-Za-z][A-Za-z'’-]*/g)) {
    const word = m[0].replace(/[-'’]+$/, "");
    const lower = word.toLowerCase();
    if (word.length < 2 || ALLOWED.has(lower) || ALLOWED.has(lower.replace(/e?s$/, ""))) continue;
    const at = m.index ?? 0;
    out.push({ word, context: t.slice(Math.max(0, at - 30), at + word.length + 30).trim() });
  }
  return out;
}

/**
 * What a person meets inside `root`: its text (options of selects and screen-reader text
 * included) and its tooltips, labels and placeholders, without code and verbatim parts.
 */
export function readable(root: Locator): Promise<string> {
  return root.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    // React Flow's attribution is a credit link, its name English on purpose.
    const verbatim = "code, pre, kbd, [data-verbatim], svg, .react-flow__attribution";
    for (const skip of copy.querySelectorAll(verbatim)) skip.remove();
    const attrs: string[] = [];
    for (const node of [copy, ...copy.querySelectorAll("*")])
      for (const a of ["title", "aria-label", "placeholder", "alt"]) {
        const v = node.getAttribute(a);
        if (v) attrs.push(v);
      }
    // One line per block, so words of neighbouring elements never run together.
    for (const block of copy.querySelectorAll("*")) block.append(" ");
    return `${copy.textContent ?? ""}\n${attrs.join("\n")}`;
  });
}

/** The document's own names (ids, labels in both languages, topics), read from the page's store. */
export function docNames(root: Locator): Promise<string[]> {
  return root.evaluate(() => {
    type Doc = {
      nodes: {
        id: string;
        label?: string | Record<string, string>;
        sockets: { id: string }[];
        params: Record<string, unknown>;
      }[];
      links: { id: string }[];
    };
    const w = window as unknown as { __zmqp: { store: { getState(): { doc: Doc } } } };
    const doc = w.__zmqp.store.getState().doc;
    const out: string[] = [];
    for (const n of doc.nodes) {
      out.push(n.id, ...n.sockets.map((s) => s.id));
      if (typeof n.label === "string") out.push(n.label);
      else if (n.label) out.push(...Object.values(n.label));
      for (const v of Object.values(n.params))
        if (typeof v === "string") out.push(v);
        else if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === "string"));
    }
    out.push(...doc.links.map((l) => l.id));
    return out;
  });
}
