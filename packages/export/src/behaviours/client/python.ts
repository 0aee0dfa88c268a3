import { pythonProgram, readyLine } from "../../python/program.js";
import { pyName } from "../../text.js";
import { param, type ExportContext } from "../types.js";
import { summary } from "./summary.js";

export function python({ node, graph }: ExportContext): string {
  const s = node.sockets[0]!;
  const req = pyName(s.id);
  const pirate = param<boolean>(node, "lazyPirate");
  return pythonProgram(node, graph, {
    summary: summary(node),
    details: [
      "A REQ socket sends one request, then must receive its reply before it may send again. If",
      "the reply is lost (the server died), a plain REQ waits forever. The Lazy Pirate gives up after",
      "a timeout, closes that socket (it can never send again), opens a new one and resends.",
    ],
    constants: [
      ["INTERVAL_MS", param(node, "intervalMs"), "0: only when you type a line"],
      ["PAYLOAD", param(node, "payload"), "{n} is the request number"],
      ["MAX_REQUESTS", param(node, "maxRequests"), "0: no limit"],
      ["TIMEOUT_MS", param(node, "timeoutMs"), "0: wait for a reply forever"],
      ["LAZY_PIRATE", pirate],
      ["RETRIES", param(node, "retries"), "Lazy Pirate resends before it gives up"],
    ],
    reopens: s.id,
    uses: ["fill"],
    sendsTyped: true,
    functions: `def request(sock, body, attempt):
    """Sends one request; returns what we wait for: [body, attempt, deadline or None]."""
    try:
        sock.send_string(body)
    except zmq.Again:
        print(f"could not send {body!r}: no server took it within 2 s", flush=True)
        return None
    count("sent")
    deadline = time.monotonic() + TIMEOUT_MS / 1000 if TIMEOUT_MS else None
    return [body, attempt, deadline]`,
    main: `generation = 1
${req} = open_${req}(generation)
poller = zmq.Poller()
poller.register(${req}, zmq.POLLIN)
listen(poller)  # typed lines, and the signal pipe (see listen)
${readyLine(node)}
n = 0
waiting = None  # [body, attempt, deadline] of the request whose reply we wait for
next_tick = time.monotonic() if INTERVAL_MS else None
while True:
    now = time.monotonic()
    if next_tick is not None and now >= next_tick:
        next_tick = now + INTERVAL_MS / 1000
        # A REQ cannot send while it waits: a tick then passes without a request.
        if waiting is None and (not MAX_REQUESTS or n < MAX_REQUESTS):
            n += 1
            waiting = request(${req}, fill(PAYLOAD, n), 0)
    wake = [t for t in (next_tick, waiting and waiting[2]) if t is not None]
    timeout = max(0, min(wake) - time.monotonic()) * 1000 if wake else None
    events = dict(poller.poll(timeout))
    if ${req} in events:
        reply = ${req}.recv_multipart()
        count("received")
        if waiting:
            print(f"{waiting[0]!r} -> {reply[-1].decode(errors='replace')!r}", flush=True)
            waiting = None
    if INPUT in events:
        for line in typed_lines(poller):
            if waiting:
                print("still waiting for a reply: a REQ cannot send twice", flush=True)
            elif line or not MAX_REQUESTS or n < MAX_REQUESTS:
                n += 1
                waiting = request(${req}, line or fill(PAYLOAD, n), 0)
    if waiting and waiting[2] is not None and time.monotonic() >= waiting[2]:
        body, attempt, _ = waiting
        if not LAZY_PIRATE:
            print(f"no reply to {body!r} in {TIMEOUT_MS} ms; a plain REQ cannot send again", flush=True)
            waiting[2] = None
        else:
            # The Lazy Pirate: this REQ will never be allowed to send again, so throw it away.
            poller.unregister(${req})
            ${req}.close()
            generation += 1
            ${req} = open_${req}(generation)
            poller.register(${req}, zmq.POLLIN)
            if attempt >= RETRIES:
                print(f"no reply to {body!r} after {RETRIES} retries: gave up", flush=True)
                waiting = None
            else:
                print(f"no reply in {TIMEOUT_MS} ms: new socket, resending {body!r} (retry {attempt + 1}/{RETRIES})", flush=True)
                waiting = request(${req}, body, attempt + 1)`,
  });
}
