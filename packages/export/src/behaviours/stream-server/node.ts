import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  const sock = varName(s.id);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "Every message on a STREAM socket is [connection id, bytes], with no framing: bytes arrive",
      "in whatever TCP chunks they came in. A connection opening or closing arrives as",
      "[id, <empty>] (a new id opens, a known one closes); sending [id, bytes] writes to it.",
      "A typed line is written to every open connection.",
    ],
    constants: [
      ["REPLY", param(n, "reply"), "echo | fixed | none"],
      ["TEXT", param(n, "text"), "the fixed reply, and what a typed empty line writes"],
    ],
    uses: ["serial"],
    sendsTyped: true,
    main: `const ${sock} = await ${openName(s)}();
const send = serial(${sock});
const connections = new Map(); // the open connections by id (hex), in the order they came

onTyped((line) => {
  for (const id of connections.values())
    void send([id, line || TEXT]).then(() => count("sent"));
});
${readyLine(n)}
for await (const [id, data] of ${sock}) {
  count("received");
  const key = id.toString("hex");
  if (data.length === 0) {
    // The empty frame: a new id is a connection, a known one is its end.
    if (connections.delete(key)) console.log(\`connection \${key} closed\`);
    else {
      connections.set(key, id);
      console.log(\`connection \${key} opened\`);
    }
    continue;
  }
  console.log(\`got \${JSON.stringify(String(data))} from \${key}\`);
  if (REPLY === "none") continue;
  await send([id, REPLY === "echo" ? data : TEXT]);
  count("sent");
}`,
  });
}
