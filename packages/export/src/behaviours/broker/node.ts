import { nodeProgram, openName, peersConst, readyLine } from "../../node/program.js";
import type { PlannedSocket } from "../../plan.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { brokerSockets, summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const { front, back } = brokerSockets(n);
  const peer = (s: PlannedSocket) =>
    s.type === "ROUTER" ? `, peerOf(frames[0], ${peersConst(s)})` : "";
  const pass = (from: PlannedSocket, to: PlannedSocket, what: string) => `// ${what}
async function ${varName(from.id)}To${varName(to.id).replace(/^./, (c) => c.toUpperCase())}() {
  for await (const frames of ${varName(from.id)}) {
    count("received"${peer(from)});
    if (DELAY_MS) await sleep(DELAY_MS);
    await ${varName(to.id)}.send(frames);
    count("sent"${peer(to)});
  }
}`;
  const loops = back
    ? [
        pass(
          front,
          back,
          "Requests: client -> ROUTER -> DEALER -> worker, the envelope travelling in front.",
        ),
        pass(
          back,
          front,
          "Replies: worker -> DEALER -> ROUTER, which reads the first frame to find the client.",
        ),
      ]
    : [];
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "A ROUTER puts the sender's routing id in front of every message it receives: [id, '', body]",
      "from a REQ. The DEALER passes the whole envelope on to a worker, whose REP keeps it and sends",
      "it back with the reply; the ROUTER then reads the id to know which client gets the reply.",
      "(zeromq's Proxy does the same natively; these loops show each message, as the playground does.)",
    ],
    constants: [["DELAY_MS", param(n, "delayMs"), "time spent on each message"]],
    peers: true,
    uses: ["peerOf"],
    functions: loops.join("\n\n"),
    main: back
      ? `const ${varName(front.id)} = await ${openName(front)}();
const ${varName(back.id)} = await ${openName(back)}();
onTyped(() => {}); // a broker only passes messages on: typed lines are ignored
${readyLine(n)}
// One loop per direction: each socket is read by one loop and written by the other.
await Promise.all([${varName(front.id)}To${cap(varName(back.id))}(), ${varName(back.id)}To${cap(varName(front.id))}()]);`
      : `await ${openName(front)}();\nonTyped(() => {});\n${readyLine(n)}\n// A broker needs two sockets; this one has only ${front.id}.`,
  });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
