import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const pub = pyName(node.sockets[0]!.id);
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "A PUB sends each message to the subscribers whose filter matches it now. One that connects",
      "later misses what went before (the slow joiner): nothing is queued for absent subscribers.",
    ],
    constants: [
      ["INTERVAL_MS", param(node, "intervalMs"), "0: only when you type a line"],
      ["TOPICS", param(node, "topics"), "sent in turn, as the first frame"],
      ["PAYLOAD", param(node, "payload"), "{n} is the message number, {topic} its topic"],
      ["MAX_MESSAGES", param(node, "maxMessages"), "0: no limit"],
    ],
    uses: ["fill"],
    sendsTyped: true,
    main: `${pub} = open_${pub}()
poller = zmq.Poller()
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
n = 0

def publish(text=None):
    nonlocal n
    if text is None and MAX_MESSAGES and n >= MAX_MESSAGES:
        return
    n += 1
    topic = TOPICS[(n - 1) % len(TOPICS)] if TOPICS else ""
    body = text if text is not None else fill(PAYLOAD, n, topic)
    # The topic travels as its own first frame: subscribers filter on its prefix.
    ${pub}.send_multipart([topic.encode(), body.encode()] if topic else [body.encode()])
    count("sent")

next_tick = time.monotonic() + INTERVAL_MS / 1000 if INTERVAL_MS else None
while True:
    timeout = max(0, next_tick - time.monotonic()) * 1000 if next_tick else None
    events = dict(poller.poll(timeout))
    if INPUT in events:
        for line in typed_lines(poller):
            publish(line or None)
    if next_tick and time.monotonic() >= next_tick:
        next_tick = max(next_tick + INTERVAL_MS / 1000, time.monotonic())  # no burst after a pause
        publish()`,
  });
}
