/**
 * The short program an outside peer runs: one socket, a loop of COUNT messages, counters at the
 * end. It is what an external node exports to, and what the inspector offers to copy for any
 * bound socket (`connectSnippets`): one generator for both.
 */
import type { SocketType } from "@zmqp/protocol";
import { str } from "../../text.js";

export interface PeerSpec {
  /** The name in its counters (the external node's id, or "peer" for a snippet). */
  node: string;
  /** The outside program's socket type; `TCP` is a plain TCP client. */
  type: SocketType;
  action: "connect" | "bind";
  address: string;
  /** The environment variable that may name another address (compose.yaml sets it). */
  env: string;
  /** Subscription prefix for a SUB or XSUB ("" = everything). */
  topic?: string;
  /** Messages before it ends (ZMQP_COUNT overrides). */
  count: number;
  /** The command that runs it, for its first line. */
  run: { python: string; node: string };
}

type ZmqType = Exclude<SocketType, "TCP">;

function tcpHostPort(address: string): [string, number] {
  const m = /^tcp:\/\/\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  return [m?.[1] ?? "127.0.0.1", Number(m?.[2] ?? 0)];
}

const PY_LOOP: Record<ZmqType, (topic: string) => string> = {
  REQ: () =>
    `    sock.send_string("hello from python %d" % n)\n    count("sent")\n    print("reply:", sock.recv_multipart())\n    count("received")`,
  REP: () =>
    `    print("request:", sock.recv_multipart())\n    count("received")\n    sock.send_string("reply from python %d" % n)\n    count("sent")`,
  DEALER: () =>
    `    sock.send_multipart([b"", b"hello from python %d" % n])  # empty delimiter, as REQ would\n    count("sent")\n    print("reply:", sock.recv_multipart())\n    count("received")`,
  ROUTER: () =>
    `    frames = sock.recv_multipart()  # [routing id, b"", body] from a REQ\n    count("received")\n    print("from", frames[0], frames[1:])\n    sock.send_multipart(frames[:-1] + [b"reply from python %d" % n])\n    count("sent")`,
  PUB: () =>
    `    sock.send_multipart([b"topic", b"update from python %d" % n])\n    count("sent")\n    time.sleep(0.1)`,
  XPUB: () =>
    `    sock.send_multipart([b"topic", b"update from python %d" % n])\n    count("sent")\n    time.sleep(0.1)`,
  SUB: () => `    print("got:", sock.recv_multipart())\n    count("received")`,
  XSUB: () => `    print("got:", sock.recv_multipart())\n    count("received")`,
  PUSH: () => `    sock.send_string("task from python %d" % n)\n    count("sent")`,
  PULL: () => `    print("got:", sock.recv_multipart())\n    count("received")`,
  PAIR: () =>
    `    sock.send_string("hello from python %d" % n)\n    count("sent")\n    print("got:", sock.recv_multipart())\n    count("received")`,
  STREAM: () =>
    `    conn, data = sock.recv_multipart()  # raw TCP bytes; empty data = connect or disconnect\n    count("received")\n    print(conn, data)`,
};

/** The Python peer. */
export function pythonPeer(p: PeerSpec): string {
  const head = `# ${p.node}: ${describe(p)}.\n# pip install pyzmq   (Debian: apt install python3-zmq), then: ${p.run.python}`;
  const common = `ADDRESS = os.environ.get(${str(p.env)}, ${str(p.address)})
COUNT = int(os.environ.get("ZMQP_COUNT", "${p.count}"))  # messages before it ends
counters = {"node": ${str(p.node)}, "sent": 0, "received": 0}


def count(direction):
    counters[direction] += 1`;
  if (p.type === "TCP") {
    return `${head}
import json
import os
import socket

${common}


host, _, port = ADDRESS[len("tcp://"):].rpartition(":")
try:
    with socket.create_connection((host.strip("[]"), int(port)), timeout=5) as s:
        for n in range(COUNT):
            s.sendall(b"hello from python %d\\n" % n)
            count("sent")
            print("got:", s.recv(4096))
            count("received")
except (OSError, KeyboardInterrupt) as error:
    print("stopped:", error or "Ctrl-C")
finally:
    print(json.dumps(counters))
`;
  }
  const type = p.type as ZmqType;
  const pub = type === "PUB" || type === "XPUB";
  const subscribe =
    type === "SUB"
      ? `sock.setsockopt_string(zmq.SUBSCRIBE, ${str(p.topic ?? "")})  # prefix filter; "" takes everything\n`
      : "";
  const xsub =
    type === "XSUB"
      ? `sock.send(b"\\x01" + ${str(p.topic ?? "")}.encode())  # an XSUB subscribes with a message\n`
      : "";
  return `${head}
import json
import os
${pub ? "import time\n" : ""}
import zmq

${common}


ctx = zmq.Context()
sock = ctx.socket(zmq.${type})
sock.setsockopt(zmq.LINGER, 0)
sock.setsockopt(zmq.RCVTIMEO, 5000)  # give up after 5 s of silence (raises zmq.Again)
${subscribe}sock.${p.action}(ADDRESS)
${xsub}${pub ? "time.sleep(1)  # let subscribers connect first (the slow joiner)\n" : ""}try:
    for n in range(COUNT):
${PY_LOOP[type](p.topic ?? "")
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
except (zmq.Again, KeyboardInterrupt):
    print("stopped: 5 s of silence, or Ctrl-C")
finally:
    sock.close()
    ctx.term()
    print(json.dumps(counters))
`;
}

const NODE_CLASS: Record<ZmqType, string> = {
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

const show = (label: string) =>
  `  console.log(${str(label)}, (await sock.receive()).map(String));\n  counters.received++;`;
const JS_LOOP: Record<ZmqType, string> = {
  REQ: `  await sock.send(\`hello from node \${n}\`);\n  counters.sent++;\n${show("reply:")}`,
  REP: `${show("request:")}\n  await sock.send(\`reply from node \${n}\`);\n  counters.sent++;`,
  DEALER: `  await sock.send(["", \`hello from node \${n}\`]); // empty delimiter, as REQ would\n  counters.sent++;\n${show("reply:")}`,
  ROUTER:
    '  const frames = await sock.receive(); // [routing id, empty, body] from a REQ\n  counters.received++;\n  console.log("from", frames[0], frames.slice(1).map(String));\n  await sock.send([...frames.slice(0, -1), `reply from node ${n}`]);\n  counters.sent++;',
  PUB: '  await sock.send(["topic", `update from node ${n}`]);\n  counters.sent++;\n  await new Promise((r) => setTimeout(r, 100));',
  XPUB: '  await sock.send(["topic", `update from node ${n}`]);\n  counters.sent++;\n  await new Promise((r) => setTimeout(r, 100));',
  SUB: show("got:"),
  XSUB: show("got:"),
  PUSH: "  await sock.send(`task from node ${n}`);\n  counters.sent++;",
  PULL: show("got:"),
  PAIR: `  await sock.send(\`hello from node \${n}\`);\n  counters.sent++;\n${show("got:")}`,
  STREAM: `${show("got:")} // [connection id, raw bytes]`,
};

/** The zeromq.js peer (top-level await: an `.mjs` file). */
export function nodePeer(p: PeerSpec): string {
  const head = `// ${p.node}: ${describe(p)}.\n// npm install zeromq@6, then: ${p.run.node}`;
  const common = `const ADDRESS = process.env.${p.env} ?? ${str(p.address)};
const COUNT = Number(process.env.ZMQP_COUNT ?? ${p.count}); // messages before it ends
const counters = { node: ${str(p.node)}, sent: 0, received: 0 };`;
  if (p.type === "TCP") {
    const [host, port] = tcpHostPort(p.address);
    return `${head}
import net from "node:net";

${common.replace(`?? ${str(p.address)}`, `?? ${str(`tcp://${host}:${port}`)}`)}
const [, host, port] = /^tcp:\\/\\/\\[?(.*?)\\]?:(\\d+)$/.exec(ADDRESS);

let n = 0;
const s = net.connect(Number(port), host, () => {
  s.write(\`hello from node \${n}\\n\`);
  counters.sent++;
});
s.setTimeout(5000, () => s.destroy()); // give up after 5 s of silence
s.on("data", (data) => {
  console.log("got:", data);
  counters.received++;
  if (++n >= COUNT) return s.end();
  s.write(\`hello from node \${n}\\n\`);
  counters.sent++;
});
s.on("error", (error) => console.log("stopped:", error.message));
s.on("close", () => console.log(JSON.stringify(counters)));
process.on("SIGINT", () => s.destroy());
`;
  }
  const type = p.type as ZmqType;
  const pub = type === "PUB" || type === "XPUB";
  const subscribe =
    type === "SUB"
      ? `sock.subscribe(${str(p.topic ?? "")}); // prefix filter; "" takes everything\n`
      : "";
  const connect = p.action === "bind" ? "await sock.bind(ADDRESS);" : "sock.connect(ADDRESS);";
  const xsub =
    type === "XSUB"
      ? `await sock.send(Buffer.concat([Buffer.from([1]), Buffer.from(${str(p.topic ?? "")})])); // an XSUB subscribes with a message\n`
      : "";
  return `${head}
import { ${NODE_CLASS[type]} } from "zeromq";

${common}

// receiveTimeout: give up after 5 s of silence (the receive rejects with EAGAIN)
const sock = new ${NODE_CLASS[type]}({ linger: 0${type === "PUB" || type === "PUSH" ? "" : ", receiveTimeout: 5000"} });
${subscribe}${connect}
// Ctrl-C closes the socket: the pending send or receive rejects and the loop ends.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => sock.close());
${xsub}${pub ? "await new Promise((r) => setTimeout(r, 1000)); // let subscribers connect first (the slow joiner)\n" : ""}try {
  for (let n = 0; n < COUNT; n++) {
${JS_LOOP[type]
  .split("\n")
  .map((l) => `  ${l}`)
  .join("\n")}
  }
} catch {
  console.log("stopped: 5 s of silence, or Ctrl-C");
} finally {
  if (!sock.closed) sock.close();
  console.log(JSON.stringify(counters));
}
`;
}

function describe(p: PeerSpec): string {
  if (p.type === "TCP") return `a plain TCP client that dials ${p.address}`;
  return `a ${p.type} socket that ${p.action === "bind" ? "binds" : "connects to"} ${p.address}`;
}
