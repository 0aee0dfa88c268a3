import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import type { ExportContext } from "../types.js";
import { sinkWorkers, summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  const pull = varName(s.id);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "PULL fair-queues what arrives from all its peers. A PULL cannot see who sent a message; the",
      'playground\'s workers end each result with "done by <worker>", and the sink counts by that.',
    ],
    constants: [["WORKERS", sinkWorkers(n), "the nodes linked to this sink"]],
    main: `const ${pull} = await ${openName(s)}();
onTyped(() => {}); // a sink only collects: typed lines are ignored
${readyLine(n)}
for await (const frames of ${pull}) {
  const result = String(frames.at(-1));
  const worker = result.slice(result.lastIndexOf(" done by ") + " done by ".length);
  count("received", result.includes(" done by ") && WORKERS.includes(worker) ? worker : "external");
  console.log("got", JSON.stringify(result));
}`,
  });
}
