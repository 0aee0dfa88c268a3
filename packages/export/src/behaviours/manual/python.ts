import { canReceive } from "@zmqp/protocol";
import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const s = node.sockets[0]!;
  const sock = pyName(s.id);
  const router = s.type === "ROUTER";
  const peers = `${sock.toUpperCase()}_PEERS`;
  const [frames, why] =
    s.type === "ROUTER"
      ? [
          `[last_peer, b"", body]`,
          "a ROUTER names the peer first; the empty frame is the delimiter",
        ]
      : s.type === "DEALER"
        ? [`[b"", body]`, "an empty delimiter first, as a REQ would send it: a REP can then answer"]
        : ["[body]", ""];
  const details =
    s.type === "ROUTER"
      ? [
          "A ROUTER must say whom a message is for: it sends to the peer it last heard from, whose",
          "routing id came as the first frame of that message.",
        ]
      : s.type === "DEALER"
        ? ["A DEALER talks to any number of peers asynchronously and round-robins its sends."]
        : [];
  const receives = canReceive(s.type);
  return pythonProgram(node, graph, {
    summary: summary(node),
    details,
    constants: [
      ["INTERVAL_MS", param(node, "intervalMs"), "0: only when you type a line"],
      ["PAYLOAD", param(node, "payload"), "{n} is the message number"],
      ["ECHO", param(node, "echo"), "send every message received back, envelope and all"],
    ],
    uses: router ? ["fill", "peer_of"] : ["fill"],
    peers: router,
    sendsTyped: true,
    main: `${sock} = open_${sock}()
poller = zmq.Poller()
${receives ? `poller.register(${sock}, zmq.POLLIN)\n` : ""}listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
n = 0
${router ? "last_peer = None  # the routing id of the peer we heard from last\n" : ""}
def send(text=None):
    nonlocal n
    n += 1
    body = (text if text is not None else fill(PAYLOAD, n)).encode()
${
  router
    ? `    if last_peer is None:
        print("a ROUTER sends to a routing id; no peer has spoken yet", flush=True)
        return
`
    : ""
}    try:
${why ? `        # ${why}\n` : ""}        ${sock}.send_multipart(${frames})
        count("sent"${router ? `, peer_of(last_peer, ${peers})` : ""})
    except zmq.Again:
        print("not sent: no peer took it within 2 s", flush=True)

next_tick = time.monotonic() + INTERVAL_MS / 1000 if INTERVAL_MS else None
while True:
    timeout = max(0, next_tick - time.monotonic()) * 1000 if next_tick else None
    events = dict(poller.poll(timeout))
    if INPUT in events:
        for line in typed_lines(poller):
            send(line or None)
    if next_tick and time.monotonic() >= next_tick:
        next_tick = max(next_tick + INTERVAL_MS / 1000, time.monotonic())  # no burst after a pause
        send()
${
  receives
    ? `    if ${sock} in events:
        frames = ${sock}.recv_multipart()
${
  router
    ? `        peer = peer_of(frames[0], ${peers})
        if len(frames) > 1:
            last_peer = frames[0]
`
    : ""
}        count("received"${router ? ", peer" : ""})
        print("got", " | ".join(f.decode(errors="replace") for f in frames), flush=True)
        if ECHO:
            ${sock}.send_multipart(frames)
            count("sent"${router ? ", peer" : ""})`
    : ""
}`,
  });
}
