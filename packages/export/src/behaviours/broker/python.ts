import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { brokerSockets, summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const { front, back } = brokerSockets(node);
  const f = pyName(front.id);
  const b = back ? pyName(back.id) : null;
  const peerOf = (sock: typeof front, frames: string) =>
    sock.type === "ROUTER" ? `, peer_of(${frames}[0], ${pyName(sock.id).toUpperCase()}_PEERS)` : "";
  const pass = (from: typeof front, to: typeof front) => `if ${pyName(from.id)} in events:
    frames = ${pyName(from.id)}.recv_multipart()
    count("received"${peerOf(from, "frames")})
    time.sleep(DELAY_MS / 1000)
    ${pyName(to.id)}.send_multipart(frames)
    count("sent"${peerOf(to, "frames")})`;
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "A ROUTER puts the sender's routing id in front of every message it receives: [id, b'', body]",
      "from a REQ. The DEALER passes the whole envelope on to a worker, whose REP keeps it and sends",
      "it back with the reply; the ROUTER then reads the id to know which client gets the reply.",
      "(zmq.proxy() does the same in C; this loop shows each message, as the playground does.)",
    ],
    constants: [["DELAY_MS", param(node, "delayMs"), "time spent on each message"]],
    peers: true,
    uses: ["peer_of"],
    main: b
      ? `${f} = open_${f}()
${b} = open_${b}()
poller = zmq.Poller()
poller.register(${f}, zmq.POLLIN)
poller.register(${b}, zmq.POLLIN)
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
while True:
    events = dict(poller.poll())
    if INPUT in events:
        typed_lines(poller)  # a broker only passes messages on: typed lines are ignored
    # Requests: client -> ROUTER -> DEALER -> worker, the envelope travelling in front.
${pass(front, back!)
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
    # Replies: worker -> DEALER -> ROUTER, which reads the first frame to find the client.
${pass(back!, front)
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}`
      : `${f} = open_${f}()\n${readyLine(node)}\nwhile True:\n    time.sleep(1)  # a broker needs two sockets; this one has only ${front.id}`,
  });
}
