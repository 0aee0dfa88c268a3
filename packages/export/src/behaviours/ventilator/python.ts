import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const s = node.sockets.find((x) => x.type === "PUSH") ?? node.sockets[0]!;
  const push = pyName(s.id);
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "PUSH deals messages round-robin over the workers connected at that moment, without looking",
      "at how busy they are; with no worker connected a send waits (here at most 2 s).",
    ],
    constants: [
      ["INTERVAL_MS", param(node, "intervalMs"), "0: only when you type a line"],
      ["PAYLOAD", param(node, "payload"), "{n} is the task number"],
      ["MAX_MESSAGES", param(node, "maxMessages"), "0: no limit"],
    ],
    uses: ["fill"],
    sendsTyped: true,
    main: `${push} = open_${push}()
poller = zmq.Poller()
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
n = 0

def push_task(text=None):
    nonlocal n
    if text is None and MAX_MESSAGES and n >= MAX_MESSAGES:
        return
    n += 1
    try:
        ${push}.send_string(text if text is not None else fill(PAYLOAD, n))
        count("sent")
    except zmq.Again:
        print(f"task {n} not sent: no worker took it within 2 s", flush=True)

next_tick = time.monotonic() + INTERVAL_MS / 1000 if INTERVAL_MS else None
while True:
    timeout = max(0, next_tick - time.monotonic()) * 1000 if next_tick else None
    events = dict(poller.poll(timeout))
    if INPUT in events:
        for line in typed_lines(poller):
            push_task(line or None)
    if next_tick and time.monotonic() >= next_tick:
        next_tick = max(next_tick + INTERVAL_MS / 1000, time.monotonic())  # no burst after a pause
        push_task()`,
  });
}
