/**
 * The frame every exported Python program shares: docstring, imports, addresses from the
 * environment, one function per socket, counters and the way it stops. A behaviour
 * (`behaviours/<key>/python.ts`) supplies its parameters and its `main`.
 */
import { canSend, type SocketType } from "@zmqp/protocol";
import type { PlannedNode, PlannedSocket } from "../plan.js";
import { COMMON_HEAD, FILL, TYPED, PEER_OF, runFunction } from "./common.js";
import { indent, oneLine, py, pyName, str } from "../text.js";

export interface PythonProgram {
  /** One line: what the node does. */
  summary: string;
  /** More docstring lines (the behaviour in a sentence or two). */
  details?: string[];
  imports?: string[];
  /** Behaviour parameters: [NAME, value, comment]. */
  constants?: [string, unknown, string?][];
  /** Extra lines in a socket's open function, before it binds and connects. */
  setup?: Record<string, string[]>;
  /** A socket whose open function takes a generation (Lazy Pirate reopens it). */
  reopens?: string;
  /** Module-level functions of the behaviour. */
  functions?: string;
  /** The body of `main()`. */
  main: string;
  /** It sends a typed line at once ("send now"). */
  sendsTyped?: boolean;
  /** Helpers it uses beyond the common ones. */
  uses?: ("fill" | "peer_of")[];
  /** The program counts per peer: the ROUTER sockets' peer tables are written. */
  peers?: boolean;
}

const ZMQ_CONST: Record<Exclude<SocketType, "TCP">, string> = {
  REQ: "zmq.REQ",
  REP: "zmq.REP",
  DEALER: "zmq.DEALER",
  ROUTER: "zmq.ROUTER",
  PUB: "zmq.PUB",
  SUB: "zmq.SUB",
  XPUB: "zmq.XPUB",
  XSUB: "zmq.XSUB",
  PUSH: "zmq.PUSH",
  PULL: "zmq.PULL",
  PAIR: "zmq.PAIR",
  STREAM: "zmq.STREAM",
};

/** The program file for one node. */
export function pythonProgram(plan: PlannedNode, graph: string, p: PythonProgram): string {
  const uses = new Set(p.uses ?? []);
  const zmqSockets = plan.sockets.filter((s) => s.type !== "TCP");
  const doc = [
    `${plan.node.id}${plan.title !== plan.node.id ? ` (${plan.title})` : ""}: ${p.summary}`,
    "",
    ...(p.details ?? []),
    ...(p.details?.length ? [""] : []),
    `Exported from ZeroMQ Playground (graph ${str(graph)}), behaviour "${plan.key}".`,
    `    python3 nodes/${plan.file}.py [--duration S]`,
    "Needs pyzmq (pip install pyzmq; on Debian: apt install python3-zmq). Ctrl-C stops it; as it",
    'ends it prints one JSON line of counters: {"node", "sent", "received"[, "peers"]}.',
    ...(p.sendsTyped
      ? [
          "Type a line and press Enter to send it now (an empty line sends the usual payload; a line in",
          'double quotes is read as JSON, e.g. "two\\nlines").',
        ]
      : []),
  ];
  const imports = ["argparse", "json", "os", "signal", "sys", "time", ...(p.imports ?? [])];
  // PEP 8: two blank lines between top-level definitions.
  return (
    pyBlocks(
      `#!/usr/bin/env python3\nr"""${docstring(doc.join("\n"))}\n"""`,
      [...new Set(imports)]
        .sort()
        .map((m) => `import ${m}`)
        .join("\n") + (zmqSockets.length ? "\n\nimport zmq" : ""),
      `NODE = ${str(plan.node.id)}`,
      addressBlock(plan),
      constantsBlock(p.constants),
      p.peers && peerTables(plan),
      zmqSockets.length > 0 &&
        "ctx = zmq.Context()  # one context per program: its I/O thread serves every socket",
      ...zmqSockets.map((s) => openFunction(s, p.setup?.[s.id] ?? [], p.reopens === s.id)),
      p.functions,
      `def main():\n${indent(p.main, 4)}`,
      COMMON_HEAD,
      uses.has("fill") && FILL,
      TYPED,
      uses.has("peer_of") && PEER_OF,
      runFunction(zmqSockets.length > 0),
      'if __name__ == "__main__":\n    run(main)',
    ) + "\n"
  );
}

/** A raw docstring shows backslashes as they are; it must hold no closing triple quote. */
const docstring = (text: string) => text.replace(/"""/g, "'''");

function addressBlock(plan: PlannedNode): string {
  const lines: string[] = [];
  for (const s of plan.sockets)
    for (const [list, constant, env] of [
      [s.bind, s.bindConst, s.bindEnv],
      [s.connect, s.connectConst, s.connectEnv],
    ] as const) {
      if (list.length === 0) continue;
      for (const a of list)
        if (a.original) lines.push(`# ${a.original} in the graph: ${oneLine(a.note ?? "")}.`);
      const def = list.map((a) => a.local).join(",");
      lines.push(`${constant} = os.environ.get(${str(env)}, ${str(def)}).split(",")`);
    }
  if (lines.length === 0) return "";
  return [
    "# Addresses: the graph's, unless an environment variable names others (compose.yaml does);",
    "# several are separated by commas.",
    ...lines,
  ].join("\n");
}

function constantsBlock(constants: PythonProgram["constants"]): string {
  if (!constants?.length) return "";
  return constants
    .map(([name, value, comment]) => `${name} = ${py(value)}${comment ? `  # ${comment}` : ""}`)
    .join("\n");
}

function peerTables(plan: PlannedNode): string {
  const routers = plan.sockets.filter((s) => s.type === "ROUTER");
  if (routers.length === 0) return "";
  return [
    "# The routing id each linked peer announces (the playground names them node.socket), and its node.",
    ...routers.map((s) => `${pyName(s.id).toUpperCase()}_PEERS = ${py(s.routerPeers)}`),
  ].join("\n");
}

/** `def open_req():` — creates, configures, binds and connects one socket. */
function openFunction(s: PlannedSocket, setup: string[], reopens: boolean): string {
  const name = pyName(s.id);
  const lines: string[] = [
    `sock = ctx.socket(${ZMQ_CONST[s.type as Exclude<SocketType, "TCP">]})`,
    "sock.setsockopt(zmq.LINGER, 0)  # closing drops what is still queued: stopping is immediate",
  ];
  // A PUB never blocks (it drops at the high-water mark): no send timeout to set.
  if (canSend(s.type) && s.type !== "PUB")
    lines.push("sock.setsockopt(zmq.SNDTIMEO, 2000)  # a send no peer can take fails after 2 s");
  const o = s.options;
  if (o.sendHighWaterMark !== undefined)
    lines.push(
      `sock.setsockopt(zmq.SNDHWM, ${o.sendHighWaterMark})  # messages queued per peer before sends block or drop`,
    );
  if (o.receiveHighWaterMark !== undefined)
    lines.push(
      `sock.setsockopt(zmq.RCVHWM, ${o.receiveHighWaterMark})  # messages held for us before zeromq stops reading`,
    );
  if (o.immediate !== undefined)
    lines.push(
      `sock.setsockopt(zmq.IMMEDIATE, ${o.immediate ? 1 : 0})  # queue only to peers that are connected`,
    );
  if (o.relaxed && s.type === "REQ")
    lines.push(
      "# relaxed + correlate: this REQ may send again after a lost reply, and ignores stale replies",
      "sock.setsockopt(zmq.REQ_RELAXED, 1)",
      "sock.setsockopt(zmq.REQ_CORRELATE, 1)",
    );
  if (s.routingId !== undefined) {
    if (s.autoRoutingId && reopens)
      lines.push(
        "# The ROUTER on the other end sees this name in the envelope. A reopened socket takes a new",
        "# one: the ROUTER may still hold the old connection under the old name.",
        `sock.setsockopt_string(zmq.ROUTING_ID, ${str(s.routingId)} + ("" if generation == 1 else ".%d" % generation))`,
      );
    else
      lines.push(
        `sock.setsockopt_string(zmq.ROUTING_ID, ${str(s.routingId)})  # the name a ROUTER sees in the envelope`,
      );
  }
  lines.push(...setup);
  if (s.bind.length) lines.push(`for address in ${s.bindConst}:`, "    sock.bind(address)");
  if (s.connect.length)
    lines.push(`for address in ${s.connectConst}:`, "    sock.connect(address)");
  lines.push("return sock");
  const doc = `"""The ${s.id} socket: a ${s.type}${describe(s)}."""`;
  return `def open_${name}(${reopens ? "generation=1" : ""}):\n${indent([doc, ...lines].join("\n"), 4)}`;
}

function describe(s: PlannedSocket): string {
  const parts: string[] = [];
  if (s.bind.length) parts.push(`binding ${s.bindConst}`);
  if (s.connect.length) parts.push(`connecting to ${s.connectConst}`);
  return parts.length ? `, ${parts.join(" and ")}` : "";
}

/** The line a program prints once its sockets are up: the launcher waits for it. */
export function readyLine(plan: PlannedNode): string {
  const parts = plan.sockets.flatMap((s) => [
    ...(s.bind.length ? [`${s.id} binds {', '.join(${s.bindConst})}`] : []),
    ...(s.connect.length ? [`${s.id} connects to {', '.join(${s.connectConst})}`] : []),
  ]);
  return `print(f"{NODE}: ready${parts.length ? `, ${parts.join("; ")}` : ""}", flush=True)`;
}

/** Code blocks joined PEP 8's way: two blank lines between top-level parts. */
function pyBlocks(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.trim() !== "").join("\n\n\n");
}
