import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets.find((x) => x.type === "PUSH") ?? n.sockets[0]!;
  const push = varName(s.id);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "PUSH deals messages round-robin over the workers connected at that moment, without looking",
      "at how busy they are; with no worker connected a send waits (here at most 2 s).",
    ],
    constants: [
      ["INTERVAL_MS", param(n, "intervalMs"), "0: only when you type a line"],
      ["PAYLOAD", param(n, "payload"), "{n} is the task number"],
      ["MAX_MESSAGES", param(n, "maxMessages"), "0: no limit"],
    ],
    uses: ["fill", "serial"],
    sendsTyped: true,
    main: `const ${push} = await ${openName(s)}();
const send = serial(${push});
let n = 0;

async function pushTask(text) {
  if (!text && MAX_MESSAGES && n >= MAX_MESSAGES) return;
  const task = ++n;
  try {
    await send(text || fill(PAYLOAD, task));
    count("sent");
  } catch {
    console.log(\`task \${task} not sent: no worker took it within 2 s\`);
  }
}

onTyped((line) => void pushTask(line));
${readyLine(n)}
if (INTERVAL_MS) setInterval(() => void pushTask(), INTERVAL_MS);`,
  });
}
