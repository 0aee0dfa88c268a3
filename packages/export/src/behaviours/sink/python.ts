import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import type { ExportContext } from "../types.js";
import { sinkWorkers, summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const pull = pyName(node.sockets[0]!.id);
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "PULL fair-queues what arrives from all its peers. A PULL cannot see who sent a message; the",
      'playground\'s workers end each result with "done by <worker>", and the sink counts by that.',
    ],
    constants: [["WORKERS", sinkWorkers(node), "the nodes linked to this sink"]],
    main: `${pull} = open_${pull}()
poller = zmq.Poller()
poller.register(${pull}, zmq.POLLIN)
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
while True:
    events = dict(poller.poll())
    if INPUT in events:
        typed_lines(poller)  # a sink only collects: typed lines are ignored
    if ${pull} in events:
        result = ${pull}.recv_multipart()[-1].decode(errors="replace")
        worker = result.rpartition(" done by ")[2]
        count("received", worker if worker in WORKERS else "external")
        print("got", repr(result), flush=True)`,
  });
}
