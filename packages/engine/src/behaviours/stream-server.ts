/**
 * stream-server (STREAM socket): ZeroMQ talking raw TCP. Every message is [routing id, data]; a
 * connection opening or closing arrives as [id, empty]. We tell the two apart by whether the id is
 * known, show them as monitor events and on the node, and answer data with an echo or a fixed
 * text (`none` only listens; `{n}` in the text numbers it). "Send now" writes the text to every
 * open connection.
 */
import { phrase, type BehaviourParams } from "@zmqp/protocol";
import { fillPayload } from "../frames.js";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"stream-server">;

export const streamServer: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    const p = ctx.params;
    /** Open connections by routing id (hex), in arrival order. */
    const open = new Map<string, Buffer>();
    /** Texts sent so far: `{n}` in the text is the next one's number. */
    let n = 0;

    const showPeers = (socket: string) => {
      ctx.report.socketStatus(socket, { peers: open.size });
      const ids = [...open.keys()].join(", ");
      ctx.setDetail(
        open.size === 0
          ? phrase("detail.streamNone")
          : phrase(open.size === 1 ? "detail.streamOne" : "detail.streamMany", {
              count: open.size,
              ids,
            }),
      );
    };

    return {
      start() {},
      async onMessage(msg: Received) {
        const [id, data] = msg.frames;
        if (!id) return;
        const key = id.toString("hex");
        if (!data || data.length === 0) {
          // The empty frame: a new id is a connection, a known one is its disconnection.
          const event = open.has(key) ? "stream:disconnect" : "stream:connect";
          if (open.has(key)) open.delete(key);
          else open.set(key, id);
          ctx.report.monitor(msg.socket, event, undefined, `routing id ${key}`);
          showPeers(msg.socket);
          return;
        }
        if (p.reply === "none") return;
        const reply = p.reply === "echo" ? data : Buffer.from(fillPayload(p.text, ++n));
        await ctx.send(msg.socket, [id, reply], "reply");
      },
      async sendNow(payload?: string) {
        const socket = ctx.node.sockets[0]!.id;
        for (const id of open.values())
          await ctx.send(socket, [id, Buffer.from(payload ?? fillPayload(p.text, ++n))], "data");
      },
    };
  },
};
