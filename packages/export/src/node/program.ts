/**
 * The frame every exported zeromq.js program shares (an ES module with top-level await):
 * header, addresses from the environment, counters and the way it stops, one function per
 * socket. A behaviour (`behaviours/<key>/node.ts`) supplies its parameters and its main code.
 */
import { canReceive, canSend, type SocketType } from "@zmqp/protocol";
import type { PlannedNode, PlannedSocket } from "../plan.js";
import { COMMON, FILL, PEER_OF, SERIAL } from "./common.js";
import { blocks, js, oneLine, str, varName } from "../text.js";

export interface NodeProgram {
  summary: string;
  details?: string[];
  imports?: string[];
  constants?: [string, unknown, string?][];
  /** Extra lines in a socket's open function, before it binds and connects. */
  setup?: Record<string, string[]>;
  /** A socket whose open function takes a generation (Lazy Pirate reopens it). */
  reopens?: string;
  functions?: string;
  /** The program's main code, at the end of the module. */
  main: string;
  sendsTyped?: boolean;
  uses?: ("fill" | "peerOf" | "serial")[];
  peers?: boolean;
}

const NODE_CLASS: Record<Exclude<SocketType, "TCP">, string> = {
  REQ: "Request",
  REP: "Reply",
  DEALER: "Dealer",
  ROUTER: "Router",
  PUB: "Publisher",
  SUB: "Subscriber",
  XPUB: "XPublisher",
  XSUB: "XSubscriber",
  PUSH: "Push",
  PULL: "Pull",
  PAIR: "Pair",
  STREAM: "Stream",
};

export function nodeProgram(plan: PlannedNode, graph: string, p: NodeProgram): string {
  const uses = new Set(p.uses ?? []);
  const zmqSockets = plan.sockets.filter((s) => s.type !== "TCP");
  const header = [
    `${plan.node.id}${plan.title !== plan.node.id ? ` (${plan.title})` : ""}: ${p.summary}.`,
    "",
    ...(p.details ?? []),
    ...(p.details?.length ? [""] : []),
    `Exported from ZeroMQ Playground (graph ${str(graph)}), behaviour "${plan.key}".`,
    `    node nodes/${plan.file}.mjs [--duration S]`,
    "Needs zeromq (npm install in this folder). Ctrl-C stops it; as it ends it prints one JSON",
    'line of counters: {"node", "sent", "received"[, "peers"]}.',
    ...(p.sendsTyped
      ? [
          "Type a line and press Enter to send it now (an empty line sends the usual payload; a line in",
          'double quotes is read as JSON, e.g. "two\\nlines").',
        ]
      : []),
  ];
  const imports = [
    'import { createInterface } from "node:readline";',
    'import { parseArgs } from "node:util";',
    ...(p.imports ?? []),
    ...(zmqSockets.length ? ['import * as zmq from "zeromq";'] : []),
  ];
  return (
    blocks(
      `#!/usr/bin/env node\n${header.map((l) => (l ? `// ${l}` : "//")).join("\n")}`,
      imports.join("\n"),
      `const NODE = ${str(plan.node.id)};`,
      addressBlock(plan),
      p.constants?.map(([n, v, c]) => `const ${n} = ${js(v)};${c ? ` // ${c}` : ""}`).join("\n"),
      p.peers && peerTables(plan),
      COMMON,
      uses.has("fill") && FILL,
      uses.has("peerOf") && PEER_OF,
      uses.has("serial") && SERIAL,
      ...zmqSockets.map((s) => openFunction(s, p.setup?.[s.id] ?? [], p.reopens === s.id)),
      p.functions,
      p.main,
    ) + "\n"
  );
}

function addressBlock(plan: PlannedNode): string {
  const lines: string[] = [];
  for (const s of plan.sockets)
    for (const [list, constant, env] of [
      [s.bind, s.bindConst, s.bindEnv],
      [s.connect, s.connectConst, s.connectEnv],
    ] as const) {
      if (list.length === 0) continue;
      for (const a of list)
        if (a.original) lines.push(`// ${a.original} in the graph: ${oneLine(a.note ?? "")}.`);
      const def = list.map((a) => a.local).join(",");
      lines.push(`const ${constant} = (process.env.${env} || ${str(def)}).split(",");`);
    }
  if (lines.length === 0) return "";
  return [
    "// Addresses: the graph's, unless an environment variable names others (compose.yaml does);",
    "// several are separated by commas.",
    ...lines,
  ].join("\n");
}

function peerTables(plan: PlannedNode): string {
  const routers = plan.sockets.filter((s) => s.type === "ROUTER");
  if (routers.length === 0) return "";
  return [
    "// The routing id each linked peer announces (the playground names them node.socket), and its node.",
    ...routers.map((s) => `const ${peersConst(s)} = ${js(s.routerPeers)};`),
  ].join("\n");
}

export const peersConst = (s: PlannedSocket) => `${varName(s.id).toUpperCase()}_PEERS`;

/** `openReq()`: creates, configures, binds and connects one socket; the caller keeps it. */
function openFunction(s: PlannedSocket, setup: string[], reopens: boolean): string {
  const type = s.type as Exclude<SocketType, "TCP">;
  const o = s.options;
  const opts: string[] = [
    "linger: 0, // closing drops what is still queued: stopping is immediate",
  ];
  if (canSend(type)) {
    if (type !== "PUB") opts.push("sendTimeout: 2000, // a send no peer can take fails after 2 s");
    if (o.sendHighWaterMark !== undefined)
      opts.push(
        `sendHighWaterMark: ${o.sendHighWaterMark}, // messages queued per peer before sends block or drop`,
      );
  }
  if (canReceive(type) && o.receiveHighWaterMark !== undefined)
    opts.push(
      `receiveHighWaterMark: ${o.receiveHighWaterMark}, // messages held for us before zeromq stops reading`,
    );
  if (o.immediate !== undefined)
    opts.push(`immediate: ${o.immediate}, // queue only to peers that are connected`);
  if (o.relaxed && type === "REQ")
    opts.push(
      "// relaxed + correlate: this REQ may send again after a lost reply, and ignores stale replies",
      "relaxed: true,",
      "correlate: true,",
    );
  const comments: string[] = [];
  if (s.routingId !== undefined) {
    if (s.autoRoutingId && reopens) {
      comments.push(
        "// The ROUTER on the other end sees this name in the envelope. A reopened socket takes a new",
        "// one: the ROUTER may still hold the old connection under the old name.",
      );
      opts.push(`routingId: ${str(s.routingId)} + (generation === 1 ? "" : \`.\${generation}\`),`);
    } else opts.push(`routingId: ${str(s.routingId)}, // the name a ROUTER sees in the envelope`);
  }
  const name = cap(varName(s.id));
  const lines = [
    ...comments,
    `const sock = new zmq.${NODE_CLASS[type]}({`,
    ...opts.map((l) => `  ${l}`),
    "});",
    "sockets.add(sock);",
    ...setup,
    ...(s.bind.length ? [`for (const address of ${s.bindConst}) await sock.bind(address);`] : []),
    ...(s.connect.length
      ? [`for (const address of ${s.connectConst}) sock.connect(address);`]
      : []),
    "return sock;",
  ];
  return `/** The ${s.id} socket: a ${s.type}${describe(s)}. */
async function open${name}(${reopens ? "generation = 1" : ""}) {
${lines.map((l) => `  ${l}`).join("\n")}
}`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function describe(s: PlannedSocket): string {
  const parts: string[] = [];
  if (s.bind.length) parts.push(`binding ${s.bindConst}`);
  if (s.connect.length) parts.push(`connecting to ${s.connectConst}`);
  return parts.length ? `, ${parts.join(" and ")}` : "";
}

/** The socket's open function's name: `openReq`. */
export const openName = (s: PlannedSocket) => `open${cap(varName(s.id))}`;

/** The line a program prints once its sockets are up: the launcher waits for it. */
export function readyLine(plan: PlannedNode): string {
  const parts = plan.sockets.flatMap((s) => [
    ...(s.bind.length ? [`${s.id} binds \${${s.bindConst}.join(", ")}`] : []),
    ...(s.connect.length ? [`${s.id} connects to \${${s.connectConst}.join(", ")}`] : []),
  ]);
  return `console.log(\`\${NODE}: ready${parts.length ? `, ${parts.join("; ")}` : ""}\`);`;
}
