import { canReceive } from "@zmqp/protocol";
import { nodeProgram, openName, peersConst, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  const sock = varName(s.id);
  const router = s.type === "ROUTER";
  const peers = peersConst(s);
  const frames =
    s.type === "ROUTER"
      ? `[lastPeer, "", body]); // a ROUTER names the peer first; the empty frame is the delimiter`
      : s.type === "DEALER"
        ? `["", body]); // an empty delimiter first, as a REQ would send it: a REP can then answer`
        : "[body]);";
  const details =
    s.type === "ROUTER"
      ? [
          "A ROUTER must say whom a message is for: it sends to the peer it last heard from, whose",
          "routing id came as the first frame of that message.",
        ]
      : s.type === "DEALER"
        ? ["A DEALER talks to any number of peers asynchronously and round-robins its sends."]
        : [];
  const receives = canReceive(s.type);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details,
    constants: [
      ["INTERVAL_MS", param(n, "intervalMs"), "0: only when you type a line"],
      ["PAYLOAD", param(n, "payload"), "{n} is the message number"],
      ["ECHO", param(n, "echo"), "send every message received back, envelope and all"],
    ],
    uses: router ? ["fill", "serial", "peerOf"] : ["fill", "serial"],
    peers: router,
    sendsTyped: true,
    main: `const ${sock} = await ${openName(s)}();
const send = serial(${sock});
let n = 0;
${router ? "let lastPeer = null; // the routing id of the peer we heard from last\n" : ""}
async function sendNow(text) {
  n++;
  const body = text || fill(PAYLOAD, n);
${
  router
    ? `  if (!lastPeer) return console.log("a ROUTER sends to a routing id; no peer has spoken yet");
`
    : ""
}  try {
    await send(${frames}
    count("sent"${router ? `, peerOf(lastPeer, ${peers})` : ""});
  } catch {
    if (!${sock}.closed) console.log("not sent: no peer took it within 2 s");
  }
}

onTyped((line) => void sendNow(line));
${readyLine(n)}
if (INTERVAL_MS) setInterval(() => void sendNow(), INTERVAL_MS);
${
  receives
    ? `for await (const frames of ${sock}) {
${
  router
    ? `  const peer = peerOf(frames[0], ${peers});
  if (frames.length > 1) lastPeer = frames[0];
`
    : ""
}  count("received"${router ? ", peer" : ""});
  console.log("got", frames.map(String).join(" | "));
  if (ECHO) {
    await send(frames);
    count("sent"${router ? ", peer" : ""});
  }
}`
    : ""
}`,
  });
}
