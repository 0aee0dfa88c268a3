import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const sock = pyName(node.sockets[0]!.id);
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "Every message on a STREAM socket is [connection id, bytes], with no framing: bytes arrive",
      "in whatever TCP chunks they came in. A connection opening or closing arrives as",
      "[id, b''] (a new id opens, a known one closes); sending [id, bytes] writes to that connection.",
      "A typed line is written to every open connection.",
    ],
    constants: [
      ["REPLY", param(node, "reply"), "echo | fixed | none"],
      ["TEXT", param(node, "text"), "the fixed reply, and what a typed empty line writes"],
    ],
    sendsTyped: true,
    main: `${sock} = open_${sock}()
poller = zmq.Poller()
poller.register(${sock}, zmq.POLLIN)
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
connections = []  # the routing ids of the open connections, in the order they came
while True:
    events = dict(poller.poll())
    if INPUT in events:
        for line in typed_lines(poller):
            for conn in connections:
                ${sock}.send_multipart([conn, (line or TEXT).encode()])
                count("sent")
    if ${sock} in events:
        conn, data = ${sock}.recv_multipart()
        count("received")
        if not data:  # the empty frame: a new id is a connection, a known one is its end
            if conn in connections:
                connections.remove(conn)
                print(f"connection {conn.hex()} closed", flush=True)
            else:
                connections.append(conn)
                print(f"connection {conn.hex()} opened", flush=True)
            continue
        print(f"got {data!r} from {conn.hex()}", flush=True)
        if REPLY != "none":
            ${sock}.send_multipart([conn, data if REPLY == "echo" else TEXT.encode()])
            count("sent")`,
  });
}
