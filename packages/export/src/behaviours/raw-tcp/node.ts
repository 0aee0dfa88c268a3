import { nodeProgram } from "../../node/program.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "It dials its link's address with Node's net module. Dialling a ZeroMQ socket shows what",
      "ZMTP puts on the wire (a REP answers with the greeting's first 10 bytes); dialling a STREAM",
      "socket shows plain bytes both ways. A typed line is written; if the peer closed the",
      "connection, it dials again first.",
    ],
    imports: ['import net from "node:net";'],
    constants: [
      ["PAYLOAD", param(n, "payload"), "{n} is the message number"],
      ["ENCODING", param(n, "encoding"), 'text, or hex bytes like "ff 00 7f"'],
      ["SEND_ON_CONNECT", param(n, "sendOnConnect")],
    ],
    uses: ["fill"],
    sendsTyped: true,
    functions: `/** tcp://host:port, or ipc://path (a Unix socket: what ZeroMQ's ipc transport uses). */
function target(address) {
  if (address.startsWith("ipc://")) return { path: address.slice("ipc://".length) };
  const [, host, port] = /^tcp:\\/\\/\\[?(.*?)\\]?:(\\d+)$/.exec(address);
  return { host, port: Number(port) };
}

function encode(text) {
  if (ENCODING !== "hex") return Buffer.from(text);
  const clean = text.replace(/0x/gi, "").replace(/[\\s,:]/g, "");
  if (clean.length % 2 || !/^[0-9a-f]*$/i.test(clean)) return null;
  return Buffer.from(clean, "hex");
}`,
    main: `let conn = null;
let n = 0;

function connect() {
  const address = ${s.connectConst}[0];
  return new Promise((resolve) => {
    const c = net.connect(target(address));
    c.setNoDelay(true);
    c.on("connect", () => {
      console.log(\`connected to \${address}\`);
      conn = c;
      resolve(true);
    });
    c.on("data", (data) => {
      count("received");
      console.log(\`got \${data.length} B: \${data.toString("hex").replace(/(..)(?!$)/g, "$1 ")}  \${JSON.stringify(data.toString())}\`);
    });
    c.on("error", (error) => {
      console.log(\`cannot talk to \${address}: \${error.message}\`);
      resolve(false);
    });
    c.on("close", () => {
      if (conn !== c) return;
      conn = null;
      console.log("the peer closed the connection");
    });
  });
}

async function write(text) {
  const data = encode(text);
  if (!data) return console.log(\`\${JSON.stringify(text)} is not hex bytes (write e.g. ff 00 7f)\`);
  if (data.length === 0 || !(conn || (await connect()))) return;
  conn.write(data);
  count("sent");
}

sockets.add({ close: () => conn?.destroy(), closed: false }); // stop() closes the connection too
onTyped((line) => void write(line || fill(PAYLOAD, ++n)));
console.log(\`\${NODE}: ready, ${s.id} dials \${${s.connectConst}[0]}\`);
if ((await connect()) && SEND_ON_CONNECT) await write(fill(PAYLOAD, ++n));`,
  });
}
