"""ZeroMQ programs the playground did not start, for the attach tests (pyzmq, separate processes).

Usage: peers.py MODE PORT... [N]. Each prints {"ready": ...} once its sockets are set up, does its
work, prints {"done": ...}, keeps serving until its stdin closes, then prints its final counts as
one JSON line {"sent": ..., "received": ...} (per topic for pub/sub) and exits.
"""
import json
import sys
import time

import zmq

ctx = zmq.Context()
mode = sys.argv[1]
args = sys.argv[2:]


def say(**kw):
    print(json.dumps(kw), flush=True)


def addr(port):
    return f"tcp://127.0.0.1:{port}"


def serve(sockets, on_message):
    """Polls the sockets and stdin; returns when stdin closes."""
    poller = zmq.Poller()
    for s in sockets:
        poller.register(s, zmq.POLLIN)
    poller.register(sys.stdin, zmq.POLLIN)
    while True:
        for s, _ in poller.poll():
            if s is sys.stdin or s == sys.stdin.fileno():
                if sys.stdin.readline() == "":
                    # Drain what is already queued so the counts include it.
                    for _ in range(50):
                        busy = False
                        for x in sockets:
                            while x.poll(20):
                                on_message(x)
                                busy = True
                        if not busy:
                            return
                    return
            else:
                on_message(s)


counts = {"sent": 0, "received": 0}

if mode == "rep":
    rep = ctx.socket(zmq.REP)
    rep.bind(addr(args[0]))
    say(ready=mode)

    def answer(s):
        msg = s.recv()
        counts["received"] += 1
        s.send(b"world " + msg)
        counts["sent"] += 1

    serve([rep], answer)

elif mode == "req":
    req = ctx.socket(zmq.REQ)
    if len(args) > 2:
        req.setsockopt(zmq.IDENTITY, args[2].encode())
    req.connect(addr(args[0]))
    say(ready=mode)
    for i in range(int(args[1])):
        req.send(f"hello {i}".encode())
        counts["sent"] += 1
        req.recv()
        counts["received"] += 1
    say(done=mode, **counts)
    serve([], None)

elif mode == "broker":
    front = ctx.socket(zmq.ROUTER)
    back = ctx.socket(zmq.DEALER)
    front.bind(addr(args[0]))
    back.bind(addr(args[1]))
    say(ready=mode)
    flow = {"front_in": 0, "back_in": 0}

    def forward(s):
        msg = s.recv_multipart()
        if s is front:
            flow["front_in"] += 1
            back.send_multipart(msg)
        else:
            flow["back_in"] += 1
            front.send_multipart(msg)

    serve([front, back], forward)
    counts = flow

elif mode == "worker":
    rep = ctx.socket(zmq.REP)
    rep.connect(addr(args[0]))
    name = args[1]
    say(ready=mode)

    def work(s):
        msg = s.recv()
        counts["received"] += 1
        s.send(name.encode() + b": " + msg)
        counts["sent"] += 1

    serve([rep], work)

elif mode == "pub":
    pub = ctx.socket(zmq.PUB)
    pub.bind(addr(args[0]))
    say(ready=mode)
    # Publishes when told to (a line on stdin), so the test can wait for the subscriptions first.
    sys.stdin.readline()
    sent = {"weather": 0, "news": 0}
    for i in range(int(args[1])):
        for topic in sent:
            pub.send_multipart([topic.encode(), f"{topic} update {i}".encode()])
            sent[topic] += 1
        time.sleep(0.002)
    say(done=mode, **sent)
    serve([], None)
    counts = sent

elif mode == "sub":
    sub = ctx.socket(zmq.SUB)
    sub.connect(addr(args[0]))
    sub.setsockopt(zmq.SUBSCRIBE, args[1].encode())
    say(ready=mode)

    def take(s):
        s.recv_multipart()
        counts["received"] += 1

    serve([sub], take)

elif mode == "curve-server":
    public, secret = zmq.curve_keypair()
    rep = ctx.socket(zmq.REP)
    rep.curve_secretkey = secret
    rep.curve_publickey = public
    rep.curve_server = True
    rep.bind(addr(args[0]))
    say(ready=mode, key=public.decode())

    def answer(s):
        s.recv()
        counts["received"] += 1
        s.send(b"secret reply")
        counts["sent"] += 1

    serve([rep], answer)

elif mode == "curve-client":
    public, secret = zmq.curve_keypair()
    req = ctx.socket(zmq.REQ)
    req.curve_serverkey = args[2].encode()
    req.curve_publickey = public
    req.curve_secretkey = secret
    req.connect(addr(args[0]))
    say(ready=mode)
    for i in range(int(args[1])):
        req.send(b"secret request")
        counts["sent"] += 1
        req.recv()
        counts["received"] += 1
    say(done=mode, **counts)
    serve([], None)

elif mode == "plain-server":
    from zmq.auth.thread import ThreadAuthenticator

    auth = ThreadAuthenticator(ctx)
    auth.start()
    auth.configure_plain(domain="*", passwords={"admin": "s3cret"})
    rep = ctx.socket(zmq.REP)
    rep.plain_server = True
    rep.bind(addr(args[0]))
    say(ready=mode)

    def answer(s):
        s.recv()
        counts["received"] += 1
        s.send(b"plain reply")
        counts["sent"] += 1

    serve([rep], answer)
    auth.stop()

elif mode == "plain-client":
    req = ctx.socket(zmq.REQ)
    req.plain_username = b"admin"
    req.plain_password = b"s3cret"
    req.connect(addr(args[0]))
    say(ready=mode)
    for i in range(int(args[1])):
        req.send(b"plain request")
        counts["sent"] += 1
        req.recv()
        counts["received"] += 1
    say(done=mode, **counts)
    serve([], None)

else:
    sys.exit(f"unknown mode {mode}")

say(final=mode, **counts)
for s in list(ctx._sockets) if hasattr(ctx, "_sockets") else []:
    s.close(0)
ctx.destroy(linger=0)
