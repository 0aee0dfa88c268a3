import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  const pub = varName(s.id);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "A PUB sends each message to the subscribers whose filter matches it now. One that connects",
      "later misses what went before (the slow joiner): nothing is queued for absent subscribers.",
    ],
    constants: [
      ["INTERVAL_MS", param(n, "intervalMs"), "0: only when you type a line"],
      ["TOPICS", param(n, "topics"), "sent in turn, as the first frame"],
      ["PAYLOAD", param(n, "payload"), "{n} is the message number, {topic} its topic"],
      ["MAX_MESSAGES", param(n, "maxMessages"), "0: no limit"],
    ],
    uses: ["fill", "serial"],
    sendsTyped: true,
    main: `const ${pub} = await ${openName(s)}();
const send = serial(${pub});
let n = 0;

async function publish(text) {
  if (!text && MAX_MESSAGES && n >= MAX_MESSAGES) return;
  n++;
  const topic = TOPICS.length ? TOPICS[(n - 1) % TOPICS.length] : "";
  const body = text || fill(PAYLOAD, n, topic);
  // The topic travels as its own first frame: subscribers filter on its prefix.
  await send(topic ? [topic, body] : [body]);
  count("sent");
}

onTyped((line) => void publish(line));
${readyLine(n)}
if (INTERVAL_MS) setInterval(() => void publish(), INTERVAL_MS);`,
  });
}
