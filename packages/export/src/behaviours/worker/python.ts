import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary, workerSockets } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const { pull, push } = workerSockets(node);
  const i = pyName(pull.id);
  const o = push ? pyName(push.id) : null;
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "PULL fair-queues the tasks its ventilators push; each result names this worker at its end,",
      'as the playground\'s worker does ("task 3 done by worker-1"), so the sink can tell who did it.',
    ],
    constants: [["DELAY_MS", param(node, "delayMs"), "time spent on each task"]],
    main: `${i} = open_${i}()
${o ? `${o} = open_${o}()\n` : ""}poller = zmq.Poller()
poller.register(${i}, zmq.POLLIN)
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
while True:
    events = dict(poller.poll())
    if INPUT in events:
        typed_lines(poller)  # a worker takes its tasks from the PULL only
    if ${i} in events:
        task = ${i}.recv_multipart()[-1].decode(errors="replace")
        count("received")
        time.sleep(DELAY_MS / 1000)
${
  o
    ? `        try:
            ${o}.send_string(f"{task} done by {NODE}")
            count("sent")
        except zmq.Again:
            print(f"result of {task!r} not sent: no sink took it within 2 s", flush=True)`
    : `        print(f"done: {task!r} (no PUSH socket to send the result on)", flush=True)`
}`,
  });
}
