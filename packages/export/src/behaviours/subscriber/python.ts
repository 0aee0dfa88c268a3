import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const s = node.sockets[0]!;
  const sub = pyName(s.id);
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "A SUB receives nothing until it subscribes: its filters are prefixes of the first frame, and",
      '"" takes everything. Subscribing before connecting sends the filters with the handshake.',
    ],
    constants: [
      ["TOPICS", param(node, "topics"), 'prefix filters; "" takes everything'],
      ["DELAY_MS", param(node, "delayMs"), "time spent on each message"],
    ],
    setup: {
      [s.id]: [
        "# No filter at all takes everything too, as in the playground (zeromq.js's subscribe()).",
        'for topic in TOPICS or [""]:',
        "    sock.setsockopt_string(zmq.SUBSCRIBE, topic)",
      ],
    },
    main: `${sub} = open_${sub}()
poller = zmq.Poller()
poller.register(${sub}, zmq.POLLIN)
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
while True:
    events = dict(poller.poll())
    if INPUT in events:
        typed_lines(poller)  # a subscriber only listens: typed lines are ignored
    if ${sub} in events:
        frames = ${sub}.recv_multipart()
        count("received")
        print("got", " | ".join(f.decode(errors="replace") for f in frames), flush=True)
        time.sleep(DELAY_MS / 1000)`,
  });
}
