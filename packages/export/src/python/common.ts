/** The helpers every exported Python program carries, as text: counters, typed lines and the
 * signal pipe, routing ids, and `run()`, which stops it on Ctrl-C, SIGTERM or --duration. */

export const COMMON_HEAD = `# ---- The same in every exported program: counters and how it stops. ----

counters = {"node": NODE, "sent": 0, "received": 0}


def count(direction, peer=None):
    """Counts a message "sent" or "received", per peer too when the wire names the peer."""
    counters[direction] += 1
    if peer:
        peers = counters.setdefault("peers", {})
        peers.setdefault(peer, {"sent": 0, "received": 0})[direction] += 1


def stop(*_):
    raise KeyboardInterrupt  # SIGTERM and --duration end the program the way Ctrl-C does`;

export const FILL = `def fill(template, n, topic=""):
    """The payload with {n} (the message number) and {topic} filled in, as in the playground."""
    return template.replace("{n}", str(n)).replace("{topic}", topic)`;

export const TYPED = `INPUT = sys.stdin.fileno()
# Python runs a signal's handler between bytecodes: a Ctrl-C landing just as zeromq goes back to
# poll would wait for the next message. Python also writes every signal to this pipe, and each
# poll watches it, so Ctrl-C always wakes the program at once.
SIGNALS, _signals_in = os.pipe()
os.set_blocking(_signals_in, False)
signal.set_wakeup_fd(_signals_in)
_pending = b""


def listen(poller):
    """Adds stdin and the signal pipe to a poll (zeromq's or select's: POLLIN is 1 in both)."""
    poller.register(INPUT, 1)
    poller.register(SIGNALS, 1)


def typed_lines(poller):
    """Whole lines typed on stdin since the last call ("send now"). A line in double quotes is
    read as JSON; an empty one means the usual payload."""
    global _pending
    chunk = os.read(INPUT, 65536)
    if not chunk:  # end of input
        poller.unregister(INPUT)
        if os.environ.get("ZMQP_STOP_ON_EOF"):
            raise KeyboardInterrupt  # run_all.py has gone: go with it
        return []
    *lines, _pending = (_pending + chunk).split(b"\\n")
    out = []
    for raw in lines:
        line = raw.decode(errors="replace")
        try:
            out.append(json.loads(line) if line.startswith('"') else line)
        except ValueError:
            print(f"{NODE}: not a JSON string: {line}", flush=True)
    return out`;

export const PEER_OF = `def peer_of(routing_id, peers):
    """The node behind a routing id; "client.req.2" is client.req reopened (Lazy Pirate)."""
    name = routing_id.decode(errors="replace")
    base, _, generation = name.rpartition(".")
    return peers.get(name) or (generation.isdigit() and peers.get(base)) or "external"`;

export function runFunction(zmq: boolean): string {
  return `def run(main):
    """Runs main until Ctrl-C, SIGTERM or --duration S, then prints the counters as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    parser.add_argument("--duration", type=float, metavar="S", help="stop after S seconds")
    duration = parser.parse_args().duration
    # Set, not assumed: a program started with Ctrl-C ignored (nohup, a shell's &) must still stop.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    if duration:
        signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, duration)
    try:
        main()
    except KeyboardInterrupt:
        pass
${
  zmq
    ? `    except zmq.ZMQError as error:  # e.g. "Address already in use": say it in one line
        print(f"{NODE}: {error}", file=sys.stderr)
        sys.exit(1)
`
    : `    except OSError as error:
        print(f"{NODE}: {error}", file=sys.stderr)
        sys.exit(1)
`
}    finally:
${zmq ? "        ctx.destroy(linger=0)\n" : ""}        print(json.dumps(counters), flush=True)`;
}
