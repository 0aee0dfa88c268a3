"""A pyzmq peer for the cross-language and cross-machine tests: a program the playground does not run.

Bounded in count and in time, it always exits by itself and prints one JSON line per event:
{"event": "ready"} once its socket is bound or connected, then {"event": "done", ...} with exact
counts and every message it received, so the test compares them with the playground's counters.

    /usr/bin/python3 peer.py --type REQ --connect tcp://127.0.0.1:5555 --count 20 --timeout 10
"""
import argparse
import json
import sys
import time

import zmq


def say(**fields):
    print(json.dumps(fields), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--type", required=True, choices=["REQ", "REP", "SUB", "PUSH", "PULL", "DEALER"])
    ap.add_argument("--connect", action="append", default=[])
    ap.add_argument("--bind", action="append", default=[])
    ap.add_argument("--count", type=int, default=10, help="requests to send, or messages to take")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds before giving up")
    ap.add_argument("--payload", default="py {n}")
    ap.add_argument("--topic", action="append", default=[], help="SUB prefix filter (repeatable)")
    ap.add_argument("--delay", type=float, default=0.0, help="seconds between REQ/PUSH sends")
    a = ap.parse_args()

    ctx = zmq.Context()
    sock = ctx.socket(getattr(zmq, a.type))
    sock.setsockopt(zmq.LINGER, 0)
    for t in a.topic if a.type == "SUB" else []:
        sock.setsockopt_string(zmq.SUBSCRIBE, t)
    for ep in a.bind:
        sock.bind(ep)
    for ep in a.connect:
        sock.connect(ep)
    deadline = time.monotonic() + a.timeout
    sent, received, error = 0, 0, None
    messages = []

    def recv():
        # Poll against the overall deadline, so the peer never outlives its time budget.
        left = deadline - time.monotonic()
        if left <= 0 or not sock.poll(int(left * 1000), zmq.POLLIN):
            raise TimeoutError("no message before the deadline")
        frames = [f.decode("utf-8", "replace") for f in sock.recv_multipart()]
        messages.append(frames)
        return frames

    say(event="ready", type=a.type, zmq=zmq.zmq_version(), pyzmq=zmq.__version__)
    try:
        while (sent if a.type in ("REQ", "PUSH", "DEALER") else received) < a.count:
            if a.type in ("REQ", "DEALER"):
                body = a.payload.replace("{n}", str(sent))
                sock.send_multipart([b"", body.encode()] if a.type == "DEALER" else [body.encode()])
                sent += 1
                recv()
                received += 1
            elif a.type == "REP":
                frames = recv()
                received += 1
                sock.send_string("py-rep: " + frames[-1])
                sent += 1
            elif a.type == "PUSH":
                sock.send_string(a.payload.replace("{n}", str(sent)))
                sent += 1
            else:
                recv()
                received += 1
            if a.delay:
                time.sleep(a.delay)
    except TimeoutError as e:
        error = str(e)
    say(event="done", type=a.type, sent=sent, received=received, messages=messages, error=error)
    sock.close()
    ctx.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
