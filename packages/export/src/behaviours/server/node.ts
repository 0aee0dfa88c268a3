import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  const rep = varName(s.id);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "A REP socket must answer each request before it may read the next one; zeromq keeps the",
      "envelope (who asked) for us, so the reply goes back to the right client.",
    ],
    constants: [
      ["REPLY", param(n, "reply"), "echo | upper | prefix | fixed"],
      ["TEXT", param(n, "text"), "the fixed reply, or the prefix; {n} is the reply number"],
      ["DELAY_MS", param(n, "delayMs"), "time spent on each request"],
    ],
    uses: ["fill"],
    functions: `/** The reply, made as the playground's server makes it (n: this reply's number). */
function replyTo(request, n) {
  if (REPLY === "echo") return request;
  if (REPLY === "upper") return request.toString().toUpperCase();
  if (REPLY === "fixed") return fill(TEXT, n);
  return \`\${fill(TEXT, n)}: \${request}\`;
}`,
    main: `const ${rep} = await ${openName(s)}();
onTyped(() => {}); // a server only answers: typed lines are ignored
${readyLine(n)}
let replies = 0;
for await (const request of ${rep}) {
  count("received");
  if (DELAY_MS) await sleep(DELAY_MS);
  const reply = replyTo(request.at(-1), ++replies);
  await ${rep}.send(reply);
  count("sent");
  console.log(\`\${JSON.stringify(String(request.at(-1)))} -> \${JSON.stringify(String(reply))}\`);
}`,
  });
}
