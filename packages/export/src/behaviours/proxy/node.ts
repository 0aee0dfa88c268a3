import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { varName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { DETAILS, proxySockets, summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const { front, back } = proxySockets(n);
  const f = varName(front.id);
  const b = back ? varName(back.id) : null;
  const functions = b
    ? `// Subscriptions: subscriber -> XPUB -> XSUB -> publisher. Control traffic, not counted.
async function subscriptionsUp() {
  for await (const [subscription] of ${b}) {
    await ${f}.send(subscription);
    const what = subscription[0] === 1 ? "a subscription to" : "the end of the subscription to";
    console.log(\`\${NODE}: passed \${what} \${JSON.stringify(subscription.subarray(1).toString())} upstream\`);
  }
}

// Publishes: publisher -> XSUB -> XPUB -> subscribers, the topic first.
async function publishesDown() {
  for await (const frames of ${f}) {
    count("received");
    if (DELAY_MS) await sleep(DELAY_MS);
    await ${b}.send(frames);
    count("sent");
  }
}`
    : undefined;
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: DETAILS.map((l) =>
      l.replace("zmq.proxy() does the same in C", "zeromq's Proxy does the same natively"),
    ),
    constants: [["DELAY_MS", param(n, "delayMs"), "time spent on each publish"]],
    ...(functions ? { functions } : {}),
    main: b
      ? `const ${f} = await ${openName(front)}();
const ${b} = await ${openName(back!)}();
onTyped(() => {}); // a proxy only passes messages on: typed lines are ignored
${readyLine(n)}
// One loop per direction: each socket is read by one loop and written by the other.
await Promise.all([subscriptionsUp(), publishesDown()]);`
      : `await ${openName(front)}();\nonTyped(() => {});\n${readyLine(n)}\n// A proxy needs two sockets; this one has only ${front.id}.`,
  });
}
