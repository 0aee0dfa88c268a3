/**
 * One socket's direct sends in flight, oldest first, and the two callbacks that continue zeromq's
 * promises: made once per socket (message-path.ts), not once per message. zeromq settles a
 * socket's sends in the order it took them (it takes no send while one still waits to be written:
 * EBUSY), so each callback settles the oldest.
 */
import type { PendingSend } from "./pending-send.js";

declare module "./sockets/registry.js" {
  interface SocketEntry {
    /** The message path's direct sends in flight on this socket, made on its first. */
    slot?: SendSlot;
  }
}

export class SendSlot {
  readonly flying: PendingSend[] = [];
  /** For zeromq's promise: the oldest send was taken. */
  readonly ok: () => boolean;
  /** For zeromq's promise: the oldest send was refused. */
  readonly fail: (err: unknown) => boolean;

  /** `last`: nothing else is in flight any more. */
  constructor(
    taken: (p: PendingSend, frames: Buffer[], last: boolean) => boolean,
    refused: (p: PendingSend, err: unknown, last: boolean) => boolean,
  ) {
    this.ok = () => {
      const p = this.flying.shift()!;
      const frames = p.frames!;
      p.frames = undefined;
      return taken(p, frames, this.flying.length === 0);
    };
    this.fail = (err) => {
      const p = this.flying.shift()!;
      p.frames = undefined;
      return refused(p, err, this.flying.length === 0);
    };
  }

  /** Hands a send zeromq took to this slot; `taken` is zeromq's promise for it. */
  add(p: PendingSend, frames: Buffer[], dropReason: string | undefined, taken: Promise<void>) {
    p.frames = frames;
    p.dropReason = dropReason;
    this.flying.push(p);
    return taken.then(this.ok, this.fail);
  }
}
