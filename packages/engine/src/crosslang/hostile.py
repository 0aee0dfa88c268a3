"""A wrong peer, as a learner writes one: raw bytes over TCP, or a pyzmq socket sending frames the
playground's socket does not expect. Test support only; it always exits by itself.

    /usr/bin/python3 hostile.py raw 127.0.0.1 5555 0100010001000100      # hex bytes, then close
    /usr/bin/python3 hostile.py zmq DEALER tcp://127.0.0.1:5555 no-delimiter   # frames, then close
    /usr/bin/python3 hostile.py answer tcp://127.0.0.1:5555 no-delimiter  # answers one request
    /usr/bin/python3 hostile.py big DEALER tcp://127.0.0.1:5555 2097152  # ["", N bytes]
"""
import socket
import sys
import time

import zmq


def raw(host, port, hexbytes):
    s = socket.create_connection((host, int(port)), timeout=5)
    s.sendall(bytes.fromhex(hexbytes))
    time.sleep(0.2)
    s.close()


def zmq_frames(kind, endpoint, frames, wait=0.5):
    ctx = zmq.Context()
    sock = ctx.socket(getattr(zmq, kind))
    sock.setsockopt(zmq.LINGER, 2000)
    sock.connect(endpoint)
    time.sleep(0.2)  # let the handshake finish: a send before it may be queued and dropped
    try:
        sock.send_multipart(frames, flags=zmq.NOBLOCK)
    except zmq.ZMQError:
        pass  # a type that cannot send (SUB, PULL) only connects
    time.sleep(wait)
    sock.close()
    ctx.term()


def answer(endpoint, frames):
    """A ROUTER that takes one request and answers it without the empty delimiter."""
    ctx = zmq.Context()
    sock = ctx.socket(zmq.ROUTER)
    sock.setsockopt(zmq.LINGER, 2000)
    sock.connect(endpoint)
    if sock.poll(5000, zmq.POLLIN):
        envelope = sock.recv_multipart()
        sock.send_multipart([envelope[0]] + frames)
    time.sleep(0.3)
    sock.close()
    ctx.term()


def fuzz(seed, rounds, endpoints):
    """Every pyzmq socket type to every endpoint, each sending random multipart messages."""
    import random

    rnd = random.Random(int(seed))
    ctx = zmq.Context()
    types = ["REQ", "REP", "DEALER", "ROUTER", "PUB", "SUB", "XPUB", "XSUB", "PUSH", "PULL", "PAIR"]
    for _ in range(int(rounds)):
        for ep in endpoints:
            for kind in types:
                sock = ctx.socket(getattr(zmq, kind))
                sock.setsockopt(zmq.LINGER, 0)
                sock.setsockopt(zmq.SNDTIMEO, 0)
                sock.connect(ep)
                time.sleep(0.005)
                for _ in range(rnd.randint(0, 3)):
                    frames = [bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 40)))
                              for _ in range(rnd.randint(1, 4))]
                    try:
                        sock.send_multipart(frames, flags=zmq.NOBLOCK)
                    except zmq.ZMQError:
                        pass  # this type cannot send now (REP, SUB, PULL, or no peer yet)
                sock.close()
    ctx.term()


def main():
    mode = sys.argv[1]
    if mode == "raw":
        raw(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "zmq":
        zmq_frames(sys.argv[2], sys.argv[3], [f.encode() for f in sys.argv[4:]])
    elif mode == "fuzz":
        fuzz(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif mode == "answer":
        answer(sys.argv[2], [f.encode() for f in sys.argv[3:]])
    elif mode == "big":
        zmq_frames(sys.argv[2], sys.argv[3], [b"", b"x" * int(sys.argv[4])])
    print("done", flush=True)


main()
