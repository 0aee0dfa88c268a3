import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { DETAILS, proxySockets, summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const { front, back } = proxySockets(node);
  const f = pyName(front.id);
  const b = back ? pyName(back.id) : null;
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: DETAILS,
    constants: [["DELAY_MS", param(node, "delayMs"), "time spent on each publish"]],
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
        typed_lines(poller)  # a proxy only passes messages on: typed lines are ignored
    # Subscriptions: subscriber -> XPUB -> XSUB -> publisher. Control traffic, not counted.
    if ${b} in events:
        subscription = ${b}.recv()
        ${f}.send(subscription)
        what = "a subscription to" if subscription[:1] == b"\\x01" else "the end of the subscription to"
        topic = subscription[1:].decode(errors="replace")
        print(f"{NODE}: passed {what} {topic!r} upstream", flush=True)
    # Publishes: publisher -> XSUB -> XPUB -> subscribers, the topic first.
    if ${f} in events:
        frames = ${f}.recv_multipart()
        count("received")
        time.sleep(DELAY_MS / 1000)
        ${b}.send_multipart(frames)
        count("sent")`
      : `${f} = open_${f}()\n${readyLine(node)}\nwhile True:\n    time.sleep(1)  # a proxy needs two sockets; this one has only ${front.id}`,
  });
}
