/** The helpers every exported Node program carries, as text: counters, stopping, typed lines,
 * and the optional fill, peerOf and serial. */

export const COMMON = `// ---- The same in every exported program: counters and how it stops. ----

const counters = { node: NODE, sent: 0, received: 0 };
const sockets = new Set(); // everything to close on the way out

/** Counts a message "sent" or "received", per peer too when the wire names the peer. */
function count(direction, peer) {
  counters[direction]++;
  if (peer) {
    counters.peers ??= Object.create(null); // node ids as keys, none of Object's own
    (counters.peers[peer] ??= { sent: 0, received: 0 })[direction]++;
  }
}

/** Ctrl-C, SIGTERM and --duration S end the program: close every socket, print the counters. */
function stop(code = 0) {
  for (const sock of sockets) if (!sock.closed) sock.close();
  console.log(JSON.stringify(counters));
  process.exit(code);
}
process.on("SIGINT", () => stop());
process.on("SIGTERM", () => stop());
// A failure (e.g. "Address already in use") is one line, not a stack trace.
const fail = (error) => {
  console.error(\`\${NODE}: \${error?.message ?? error}\`);
  stop(1);
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
const { values: args } = parseArgs({ options: { duration: { type: "string" } } });
if (args.duration) setTimeout(stop, Number(args.duration) * 1000);

/**
 * Calls \`onLine\` with each line typed on stdin ("send now"): a line in double quotes is read as
 * JSON, an empty one means the usual payload.
 */
function onTyped(onLine) {
  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => {
    try {
      onLine(line.startsWith('"') ? JSON.parse(line) : line);
    } catch (error) {
      console.log(\`\${NODE}: \${error.message}\`);
    }
  });
  // run-all.mjs sets ZMQP_STOP_ON_EOF: when the launcher goes, its programs go with it.
  input.on("close", () => process.env.ZMQP_STOP_ON_EOF && stop());
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));`;

export const FILL = `/** The payload with {n} (the message number) and {topic} filled in, as in the playground. */
const fill = (template, n, topic = "") =>
  template.replaceAll("{n}", String(n)).replaceAll("{topic}", topic);`;

export const PEER_OF = `/** The node behind a routing id; "client.req.2" is client.req reopened (Lazy Pirate). */
function peerOf(routingId, peers) {
  const own = (key) => (Object.hasOwn(peers, key) ? peers[key] : undefined);
  const name = routingId.toString();
  const base = name.replace(/\\.\\d+$/, "");
  return own(name) ?? (base !== name ? own(base) : undefined) ?? "external";
}`;

export const SERIAL = `/** zeromq.js takes one send at a time per socket: later sends wait for the one in flight. */
function serial(sock) {
  let last = Promise.resolve();
  return (frames) => {
    const sent = last.then(() => sock.send(frames));
    last = sent.catch(() => {});
    return sent;
  };
}`;
