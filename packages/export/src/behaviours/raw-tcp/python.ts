import { pythonProgram } from "../../python/program.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const s = node.sockets[0]!;
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "It dials its link's address with Python's socket module. Dialling a ZeroMQ socket shows",
      "what ZMTP puts on the wire (a REP answers with the greeting's first 10 bytes); dialling a",
      "STREAM socket shows plain bytes both ways. A typed line is written; if the peer closed the",
      "connection, it dials again first.",
    ],
    imports: ["re", "select", "socket"],
    constants: [
      ["PAYLOAD", param(node, "payload"), "{n} is the message number"],
      ["ENCODING", param(node, "encoding"), 'text, or hex bytes like "ff 00 7f"'],
      ["SEND_ON_CONNECT", param(node, "sendOnConnect")],
    ],
    uses: ["fill"],
    sendsTyped: true,
    functions: `def dial(address):
    """tcp://host:port, or ipc://path (a Unix socket: what ZeroMQ's ipc transport uses)."""
    if address.startswith("ipc://"):
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(address[len("ipc://"):])
        return conn
    host, _, port = address[len("tcp://"):].rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=5)


def encode(text):
    if ENCODING == "hex":
        return bytes.fromhex(re.sub(r"0x|[\\s,:]", "", text, flags=re.I))
    return text.encode()`,
    main: `poller = select.poll()
listen(poller)  # typed lines, and the signal pipe (see listen)
conn = None
n = 0

def connect():
    nonlocal conn
    address = ${s.connectConst}[0]
    try:
        conn = dial(address)
    except OSError as error:
        print(f"cannot connect to {address}: {error}", flush=True)
        return False
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    poller.register(conn, select.POLLIN)
    print(f"connected to {address}", flush=True)
    return True

def write(text):
    try:
        data = encode(text)
    except ValueError:
        print(f"{text!r} is not hex bytes (write e.g. ff 00 7f)", flush=True)
        return
    if data and (conn or connect()):
        conn.sendall(data)
        count("sent")

print(f"{NODE}: ready, ${s.id} dials {${s.connectConst}[0]}", flush=True)
if connect() and SEND_ON_CONNECT:
    n += 1
    write(fill(PAYLOAD, n))
while True:
    for fd, _ in poller.poll():
        if fd == INPUT:
            for line in typed_lines(poller):
                if not line:
                    n += 1
                write(line or fill(PAYLOAD, n))
        elif conn and fd == conn.fileno():
            data = conn.recv(65536)
            if not data:
                print("the peer closed the connection", flush=True)
                poller.unregister(conn)
                conn.close()
                conn = None
                continue
            count("received")
            print(f"got {len(data)} B: {data.hex(' ')}  {data.decode(errors='replace')!r}", flush=True)`,
  });
}
