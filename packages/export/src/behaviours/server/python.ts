import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const s = node.sockets[0]!;
  const rep = pyName(s.id);
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "A REP socket must answer each request before it may read the next one; zeromq keeps the",
      "envelope (who asked) for us, so the reply goes back to the right client.",
    ],
    constants: [
      ["REPLY", param(node, "reply"), "echo | upper | prefix | fixed"],
      ["TEXT", param(node, "text"), "the fixed reply, or the prefix; {n} is the reply number"],
      ["DELAY_MS", param(node, "delayMs"), "time spent on each request"],
    ],
    uses: ["fill"],
    functions: `def reply_to(request, n):
    """The reply, made as the playground's server makes it (n: this reply's number)."""
    if REPLY == "echo":
        return request
    text = request.decode(errors="replace")
    if REPLY == "upper":
        return text.upper().encode()
    if REPLY == "fixed":
        return fill(TEXT, n).encode()
    return f"{fill(TEXT, n)}: {text}".encode()`,
    main: `${rep} = open_${rep}()
poller = zmq.Poller()
poller.register(${rep}, zmq.POLLIN)
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
n = 0
while True:
    events = dict(poller.poll())
    if INPUT in events:
        typed_lines(poller)  # a server only answers: typed lines are ignored
    if ${rep} in events:
        request = ${rep}.recv_multipart()
        count("received")
        time.sleep(DELAY_MS / 1000)
        n += 1
        reply = reply_to(request[-1], n)
        ${rep}.send(reply)
        count("sent")
        print(f"{request[-1].decode(errors='replace')!r} -> {reply.decode(errors='replace')!r}", flush=True)`,
  });
}
