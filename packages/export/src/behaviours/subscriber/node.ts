import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  const sub = varName(s.id);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "A SUB receives nothing until it subscribes: its filters are prefixes of the first frame, and",
      '"" takes everything. Subscribing before connecting sends the filters with the handshake.',
    ],
    constants: [
      ["TOPICS", param(n, "topics"), 'prefix filters; "" takes everything'],
      ["DELAY_MS", param(n, "delayMs"), "time spent on each message"],
    ],
    setup: { [s.id]: ["sock.subscribe(...TOPICS); // no filter at all takes everything too"] },
    main: `const ${sub} = await ${openName(s)}();
onTyped(() => {}); // a subscriber only listens: typed lines are ignored
${readyLine(n)}
for await (const frames of ${sub}) {
  count("received");
  console.log("got", frames.map(String).join(" | "));
  if (DELAY_MS) await sleep(DELAY_MS);
}`,
  });
}
