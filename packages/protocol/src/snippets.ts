/**
 * Copyable code that lets a program outside the playground (pyzmq or zeromq.js, maybe on another
 * machine) join a bound socket or play an external peer node. Pure: the inspector shows the text.
 */
import { connectAddressFor, parseEndpoint } from "./endpoint.js";
import type { GraphDoc, GraphNode, GraphSocket } from "./graph.js";
import type { SocketType } from "./socket-types.js";

export type SnippetLanguage = "python" | "node";

export interface Snippet {
  language: SnippetLanguage;
  /** File name the code expects to be saved as (the Node one uses top-level await, so `.mjs`). */
  file: string;
  code: string;
}

export interface SnippetPlan {
  /** The outside program's socket type: the compatible peer of a bound socket, or the external node's own. */
  peerType: SocketType;
  action: "connect" | "bind";
  address: string;
  /** Subscription prefix for a SUB peer ("" = everything). */
  topic?: string;
  /** One line worth reading before running the code (reachability, placeholders). */
  note?: string;
}

export type SnippetResult =
  ({ ok: true; snippets: Snippet[] } & SnippetPlan) | { ok: false; reason: string };

export interface SnippetOptions {
  /** Host other programs dial instead of `*` / `0.0.0.0` (this machine's address); 127.0.0.1 by default. */
  host?: string;
  /** Which of the socket's bind endpoints to use; its first by default. */
  endpoint?: string;
  /** Folder the gateway keeps ipc files in; without it ipc sockets get no snippet. */
  ipcDir?: string;
  /** Messages the loop sends or receives before it exits. Default 10. */
  count?: number;
}

/** The type an outside program should open to talk to a playground socket of type `t` that binds. */
export const SNIPPET_PEER: Record<SocketType, SocketType | null> = {
  REQ: "REP",
  REP: "REQ",
  // A broker's frontend takes clients, its backend takes workers (REP sockets).
  ROUTER: "REQ",
  DEALER: "REP",
  PUB: "SUB",
  XPUB: "SUB",
  SUB: "PUB",
  XSUB: "PUB",
  PUSH: "PULL",
  PULL: "PUSH",
  PAIR: "PAIR",
  STREAM: "TCP",
  TCP: null,
};

/** Snippets for one socket of a node: a bound playground socket, or an external peer's socket. */
export function connectSnippets(
  doc: GraphDoc,
  nodeId: string,
  socketId?: string,
  options: SnippetOptions = {},
): SnippetResult {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, reason: `no node "${nodeId}" in this graph` };
  const socket = socketId ? node.sockets.find((s) => s.id === socketId) : node.sockets[0];
  if (!socket) return { ok: false, reason: `${nodeId} has no socket "${socketId}"` };
  const plan =
    node.role === "external"
      ? externalPlan(doc, node, socket, options)
      : boundPlan(node, socket, options);
  if ("reason" in plan) return { ok: false, reason: plan.reason };
  const count = options.count ?? 10;
  return {
    ok: true,
    ...plan,
    snippets: [
      { language: "python", file: "peer.py", code: pythonCode(plan, count) },
      { language: "node", file: "peer.mjs", code: nodeCode(plan, count) },
    ],
  };
}

type Plan = SnippetPlan | { reason: string };

function boundPlan(node: GraphNode, socket: GraphSocket, o: SnippetOptions): Plan {
  const bound = o.endpoint ?? socket.bind[0];
  if (!bound)
    return {
      reason: `${node.id}.${socket.id} connects rather than binds: bind it to an address, then outside programs can connect`,
    };
  const peerType = SNIPPET_PEER[socket.type];
  if (!peerType) return { reason: `${socket.type} is a raw TCP client: nothing can connect to it` };
  const target = dialAddress(bound, o);
  if ("reason" in target) return target;
  const topic = peerType === "SUB" ? firstTopic(node) : undefined;
  return { peerType, action: "connect", address: target.address, note: target.note, topic };
}

/** An external node stands for the outside program itself: its socket type is the program's. */
function externalPlan(
  doc: GraphDoc,
  node: GraphNode,
  socket: GraphSocket,
  o: SnippetOptions,
): Plan {
  const peerType = socket.type;
  const own = o.endpoint ?? socket.bind[0];
  if (own) {
    const p = parseEndpoint(own);
    if (!p.ok) return { reason: p.reason };
    if (p.endpoint.transport === "inproc") return { reason: INPROC };
    const note =
      "The outside program binds this address; playground sockets linked to this node connect to it.";
    return { peerType, action: "bind", address: own, note, topic: topicTowards(doc, node, socket) };
  }
  const link = doc.links.find((l) => l.from.node === node.id && l.from.socket === socket.id);
  if (!link)
    return {
      reason: `${node.id}.${socket.id} has no address and no link: link it to a bound socket, or give it the address the outside program binds`,
    };
  const to = doc.nodes
    .find((n) => n.id === link.to.node)
    ?.sockets.find((s) => s.id === link.to.socket);
  const bound = link.endpoint ?? to?.bind[0];
  if (!bound) return { reason: `link ${link.id} leads to a socket that binds no address` };
  const target = dialAddress(bound, o);
  if ("reason" in target) return target;
  return {
    peerType,
    action: "connect",
    address: target.address,
    note: target.note,
    topic: topicTowards(doc, node, socket),
  };
}

const INPROC =
  "inproc:// lives inside the playground's process: no other program can reach it; use tcp:// instead";

function dialAddress(
  bound: string,
  o: SnippetOptions,
): { address: string; note?: string } | { reason: string } {
  const p = parseEndpoint(bound);
  if (!p.ok) return { reason: p.reason };
  const ep = p.endpoint;
  if (ep.transport === "inproc") return { reason: INPROC };
  if (ep.transport === "ipc") {
    if (!o.ipcDir)
      return {
        reason:
          "this ipc:// file lives in the gateway's sandbox folder, which the page does not know; use tcp:// to join from outside",
      };
    return {
      address: `ipc://${o.ipcDir.replace(/\/$/, "")}/${ep.path}`,
      note: "ipc works for programs on this machine only.",
    };
  }
  if (ep.host === "*" || ep.host === "0.0.0.0") {
    const address = o.host ? `tcp://${o.host}:${ep.port}` : connectAddressFor(bound);
    const note = o.host
      ? undefined
      : "Bound on every interface: from another machine, replace 127.0.0.1 with this machine's IP address.";
    return { address, note };
  }
  const loopback = /^(127\.|localhost$|\[::1\]$)/.test(ep.host);
  const note = loopback
    ? `Bound on loopback: only programs on this machine can connect (bind tcp://*:${ep.port} with --allow-external to let other machines join).`
    : undefined;
  return { address: bound, note };
}

function firstTopic(node: GraphNode): string {
  const topics = node.params.topics;
  return Array.isArray(topics) && typeof topics[0] === "string" ? topics[0] : "";
}

/** A SUB external peer subscribes to what the publisher it is linked to sends first. */
function topicTowards(doc: GraphDoc, node: GraphNode, socket: GraphSocket): string | undefined {
  if (socket.type !== "SUB" && socket.type !== "XSUB") return undefined;
  const link = doc.links.find(
    (l) =>
      (l.from.node === node.id && l.from.socket === socket.id) ||
      (l.to.node === node.id && l.to.socket === socket.id),
  );
  const otherId = link ? (link.from.node === node.id ? link.to.node : link.from.node) : undefined;
  const other = doc.nodes.find((n) => n.id === otherId);
  return other ? firstTopic(other) : "";
}

/** JSON string literals are valid Python and JavaScript string literals. */
const q = (s: string) => JSON.stringify(s);

function tcpHostPort(address: string): [string, number] {
  const m = /^tcp:\/\/\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  return [m?.[1] ?? "127.0.0.1", Number(m?.[2] ?? 0)];
}

function pythonCode(p: SnippetPlan, count: number): string {
  const head = `# pip install pyzmq   (Debian: apt install python3-zmq), then: python3 peer.py`;
  if (p.peerType === "TCP") {
    const [host, port] = tcpHostPort(p.address);
    return `${head}\nimport socket\n\nwith socket.create_connection((${q(host)}, ${port}), timeout=5) as s:\n    s.sendall(b"hello from python\\n")\n    print("got:", s.recv(4096))\n`;
  }
  const loop: Record<Exclude<SocketType, "TCP">, string> = {
    REQ: `for n in range(${count}):\n    sock.send_string("hello from python %d" % n)\n    print("reply:", sock.recv_multipart())`,
    REP: `for n in range(${count}):\n    print("request:", sock.recv_multipart())\n    sock.send_string("reply from python %d" % n)`,
    DEALER: `for n in range(${count}):\n    sock.send_multipart([b"", b"hello from python %d" % n])  # empty delimiter, as REQ would\n    print("reply:", sock.recv_multipart())`,
    ROUTER: `for n in range(${count}):\n    frames = sock.recv_multipart()  # [routing id, b"", body] from a REQ\n    print("from", frames[0], frames[1:])\n    sock.send_multipart(frames[:-1] + [b"reply from python %d" % n])`,
    PUB: `time.sleep(1)  # let subscribers connect first (slow joiner)\nfor n in range(${count}):\n    sock.send_multipart([b"topic", b"update from python %d" % n])\n    time.sleep(0.1)`,
    XPUB: `time.sleep(1)  # let subscribers connect first (slow joiner)\nfor n in range(${count}):\n    sock.send_multipart([b"topic", b"update from python %d" % n])\n    time.sleep(0.1)`,
    SUB: `sock.setsockopt_string(zmq.SUBSCRIBE, ${q(p.topic ?? "")})  # prefix filter; "" takes everything\nfor n in range(${count}):\n    print("got:", sock.recv_multipart())`,
    XSUB: `sock.send(b"\\x01" + ${q(p.topic ?? "")}.encode())  # XSUB subscribes with a message\nfor n in range(${count}):\n    print("got:", sock.recv_multipart())`,
    PUSH: `for n in range(${count}):\n    sock.send_string("task from python %d" % n)`,
    PULL: `for n in range(${count}):\n    print("got:", sock.recv_multipart())`,
    PAIR: `for n in range(${count}):\n    sock.send_string("hello from python %d" % n)\n    print("got:", sock.recv_multipart())`,
    STREAM: `for n in range(${count}):\n    conn, data = sock.recv_multipart()  # raw TCP bytes; empty data = connect or disconnect\n    print(conn, data)`,
  };
  const type = p.peerType as Exclude<SocketType, "TCP">;
  const time = type === "PUB" || type === "XPUB" ? "import time\n" : "";
  return [
    head,
    `${time}import zmq`,
    "",
    "ctx = zmq.Context()",
    `sock = ctx.socket(zmq.${type})`,
    "sock.setsockopt(zmq.LINGER, 0)",
    "sock.setsockopt(zmq.RCVTIMEO, 5000)  # give up after 5 s of silence (raises zmq.Again)",
    `sock.${p.action}(${q(p.address)})`,
    loop[type],
    "sock.close()",
    "ctx.term()",
    "",
  ].join("\n");
}

const NODE_CLASS: Record<Exclude<SocketType, "TCP">, string> = {
  REQ: "Request",
  REP: "Reply",
  DEALER: "Dealer",
  ROUTER: "Router",
  PUB: "Publisher",
  XPUB: "XPublisher",
  SUB: "Subscriber",
  XSUB: "XSubscriber",
  PUSH: "Push",
  PULL: "Pull",
  PAIR: "Pair",
  STREAM: "Stream",
};

function nodeCode(p: SnippetPlan, count: number): string {
  const head = "// npm install zeromq@6, then: node peer.mjs";
  if (p.peerType === "TCP") {
    const [host, port] = tcpHostPort(p.address);
    return `${head}\nimport net from "node:net";\n\nconst s = net.connect(${port}, ${q(host)}, () => s.write("hello from node\\n"));\ns.setTimeout(5000, () => s.destroy());\ns.on("data", (data) => {\n  console.log("got:", data);\n  s.end();\n});\n`;
  }
  const type = p.peerType as Exclude<SocketType, "TCP">;
  const each = (body: string) => `for (let n = 0; n < ${count}; n++) {\n${body}\n}`;
  const show = (label: string) => `  console.log(${q(label)}, (await sock.receive()).map(String));`;
  const publish = `await new Promise((r) => setTimeout(r, 1000)); // let subscribers connect first (slow joiner)\n${each('  await sock.send(["topic", `update from node ${n}`]);\n  await new Promise((r) => setTimeout(r, 100));')}`;
  const loop: Record<typeof type, string> = {
    REQ: each(`  await sock.send(\`hello from node \${n}\`);\n${show("reply:")}`),
    REP: each(`${show("request:")}\n  await sock.send(\`reply from node \${n}\`);`),
    DEALER: each(
      `  await sock.send(["", \`hello from node \${n}\`]); // empty delimiter, as REQ would\n${show("reply:")}`,
    ),
    ROUTER: each(
      '  const frames = await sock.receive(); // [routing id, empty, body] from a REQ\n  console.log("from", frames[0], frames.slice(1).map(String));\n  await sock.send([...frames.slice(0, -1), `reply from node ${n}`]);',
    ),
    PUB: publish,
    XPUB: publish,
    SUB: `sock.subscribe(${q(p.topic ?? "")}); // prefix filter; "" takes everything\n${each(show("got:"))}`,
    XSUB: `await sock.send(Buffer.concat([Buffer.from([1]), Buffer.from(${q(p.topic ?? "")})])); // XSUB subscribes with a message\n${each(show("got:"))}`,
    PUSH: each("  await sock.send(`task from node ${n}`);"),
    PULL: each(show("got:")),
    PAIR: each(`  await sock.send(\`hello from node \${n}\`);\n${show("got:")}`),
    STREAM: each(`${show("got:")} // [connection id, raw bytes]`),
  };
  const connect =
    p.action === "bind" ? `await sock.bind(${q(p.address)});` : `sock.connect(${q(p.address)});`;
  return [
    head,
    `import { ${NODE_CLASS[type]} } from "zeromq";`,
    "",
    `// receiveTimeout: give up after 5 s of silence (the receive rejects with EAGAIN)`,
    `const sock = new ${NODE_CLASS[type]}({ linger: 0, receiveTimeout: 5000 });`,
    connect,
    loop[type],
    "sock.close();",
    "",
  ].join("\n");
}
