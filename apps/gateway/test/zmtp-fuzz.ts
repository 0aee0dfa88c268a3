/**
 * Seeded streams of wrong ZMTP for the peer fuzz test: random bytes, greetings cut short, READY
 * commands with any socket type, frames with bad flags, sizes that lie. Reproducible by seed.
 */
import { ZMQ_SOCKET_TYPES } from "@zmqp/protocol";

/** Every socket type a READY may name, and one that is none. */
const TYPES = [...ZMQ_SOCKET_TYPES, "BOGUS"];

function greeting(mechanism = "NULL", asServer = 0): Buffer {
  const g = Buffer.alloc(64);
  g[0] = 0xff;
  g[9] = 0x7f;
  g[10] = 3;
  g[11] = 0;
  g.write(mechanism, 12, "latin1");
  g[32] = asServer;
  return g;
}

function command(name: string, body: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from([name.length]), Buffer.from(name, "latin1"), body]);
  return Buffer.concat([Buffer.from([0x04, payload.length]), payload]);
}

function ready(socketType: string): Buffer {
  const key = "Socket-Type";
  const value = Buffer.from(socketType, "latin1");
  const len = Buffer.alloc(4);
  len.writeUInt32BE(value.length);
  return command("READY", Buffer.concat([Buffer.from([key.length]), Buffer.from(key), len, value]));
}

function frame(body: Buffer, more: boolean): Buffer {
  return Buffer.concat([Buffer.from([more ? 0x01 : 0x00, body.length]), body]);
}

/** One connection's bytes: a case picked by `r`, sized at most a few hundred bytes. */
export function zmtpCase(r: () => number): Buffer {
  const int = (n: number) => Math.floor(r() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const type = TYPES[int(TYPES.length)]!;
  const frames = () => {
    const count = 1 + int(4);
    return Buffer.concat(
      Array.from({ length: count }, (_, k) => frame(bytes(int(40)), k < count - 1)),
    );
  };
  switch (int(8)) {
    case 0:
      return bytes(1 + int(300));
    case 1:
      return greeting().subarray(0, int(64));
    case 2:
      return Buffer.concat([greeting(), bytes(1 + int(100))]);
    case 3:
      return Buffer.concat([greeting(), ready(type), frames()]);
    case 4: {
      // A frame that claims more than it carries, or flags no ZMTP frame has.
      const lie = Buffer.from([int(256), 200, ...bytes(int(20))]);
      return Buffer.concat([greeting(), ready(type), lie]);
    }
    case 5: {
      // A long frame announcing 1 TB.
      const head = Buffer.from([0x02, 0, 0, 0x01, 0, 0, 0, 0, 0]);
      return Buffer.concat([greeting(), ready(type), head, bytes(int(50))]);
    }
    case 6:
      return Buffer.concat([
        greeting(["PLAIN", "CURVE", "GSSAPI", "XYZ"][int(4)]!),
        bytes(int(80)),
      ]);
    default: {
      // ZMTP 1.0: a length byte, a flags byte, a body.
      const body = bytes(int(30));
      return Buffer.concat([Buffer.from([body.length + 1, int(2)]), body, bytes(int(10))]);
    }
  }
}
