import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary, workerSockets } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const { pull, push } = workerSockets(n);
  const i = varName(pull.id);
  const o = push ? varName(push.id) : null;
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "PULL fair-queues the tasks its ventilators push; each result names this worker at its end,",
      'as the playground\'s worker does ("task 3 done by worker-1"), so the sink can tell who did it.',
    ],
    constants: [["DELAY_MS", param(n, "delayMs"), "time spent on each task"]],
    main: `const ${i} = await ${openName(pull)}();
${o ? `const ${o} = await ${openName(push!)}();\n` : ""}onTyped(() => {}); // a worker takes its tasks from the PULL only
${readyLine(n)}
for await (const frames of ${i}) {
  const task = String(frames.at(-1));
  count("received");
  if (DELAY_MS) await sleep(DELAY_MS);
${
  o
    ? `  try {
    await ${o}.send(\`\${task} done by \${NODE}\`);
    count("sent");
  } catch {
    if (!${o}.closed) console.log(\`result of \${JSON.stringify(task)} not sent: no sink took it within 2 s\`);
  }`
    : "  console.log(`done: ${JSON.stringify(task)} (no PUSH socket to send the result on)`);"
}
}`,
  });
}
