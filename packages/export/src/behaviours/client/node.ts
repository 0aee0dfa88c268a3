import { nodeProgram, openName, readyLine } from "../../node/program.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function node({ node: n, graph }: ExportContext): string {
  const s = n.sockets[0]!;
  const open = openName(s);
  return nodeProgram(n, graph, {
    summary: summary(n),
    details: [
      "A REQ socket sends one request, then must receive its reply before it may send again. If",
      "the reply is lost (the server died), a plain REQ waits forever. The Lazy Pirate gives up after",
      "a timeout, closes that socket (it can never send again), opens a new one and resends.",
    ],
    constants: [
      ["INTERVAL_MS", param(n, "intervalMs"), "0: only when you type a line"],
      ["PAYLOAD", param(n, "payload"), "{n} is the request number"],
      ["MAX_REQUESTS", param(n, "maxRequests"), "0: no limit"],
      ["TIMEOUT_MS", param(n, "timeoutMs"), "0: wait for a reply forever"],
      ["LAZY_PIRATE", param(n, "lazyPirate")],
      ["RETRIES", param(n, "retries"), "Lazy Pirate resends before it gives up"],
    ],
    reopens: s.id,
    uses: ["fill"],
    sendsTyped: true,
    main: `let generation = 1;
let req = await ${open}(generation);
let n = 0;
let waiting = null; // { body, attempt, timer } of the request whose reply we wait for

async function receiveReplies(sock) {
  for await (const reply of sock) {
    count("received");
    if (!waiting) continue;
    clearTimeout(waiting.timer);
    console.log(\`\${JSON.stringify(waiting.body)} -> \${JSON.stringify(String(reply.at(-1)))}\`);
    waiting = null;
  }
}

async function request(body, attempt) {
  const timer = TIMEOUT_MS ? setTimeout(() => void timedOut(), TIMEOUT_MS) : undefined;
  waiting = { body, attempt, timer };
  try {
    await req.send(body);
    count("sent");
  } catch {
    if (req.closed) return; // thrown away by the Lazy Pirate, or stopping
    console.log(\`could not send \${JSON.stringify(body)}: no server took it within 2 s\`);
    clearTimeout(timer);
    waiting = null;
  }
}

async function timedOut() {
  const { body, attempt } = waiting;
  if (!LAZY_PIRATE) {
    console.log(\`no reply to \${JSON.stringify(body)} in \${TIMEOUT_MS} ms; a plain REQ cannot send again\`);
    return;
  }
  // The Lazy Pirate: this REQ will never be allowed to send again, so throw it away.
  sockets.delete(req);
  req.close();
  req = await ${open}(++generation);
  void receiveReplies(req);
  if (attempt >= RETRIES) {
    console.log(\`no reply to \${JSON.stringify(body)} after \${RETRIES} retries: gave up\`);
    waiting = null;
    return;
  }
  console.log(\`no reply in \${TIMEOUT_MS} ms: new socket, resending \${JSON.stringify(body)} (retry \${attempt + 1}/\${RETRIES})\`);
  await request(body, attempt + 1);
}

/** A tick of the interval, or a typed line. A REQ cannot send while it waits. */
function ask(typed) {
  if (waiting) {
    if (typed !== undefined) console.log("still waiting for a reply: a REQ cannot send twice");
    return;
  }
  if (!typed && MAX_REQUESTS && n >= MAX_REQUESTS) return;
  n++;
  void request(typed || fill(PAYLOAD, n), 0);
}

void receiveReplies(req);
onTyped((line) => ask(line));
${readyLine(n)}
if (INTERVAL_MS) {
  ask();
  setInterval(() => ask(), INTERVAL_MS);
}`,
  });
}
