/**
 * raw-tcp: a plain TCP client (Node's `net`, no ZeroMQ), for the wire lessons. It dials its link's
 * address, writes the payload (text, or hex bytes) on connect and on "Send now", and reports every
 * chunk it receives as a message whose frame shows hex and text. Dialling a ZeroMQ socket shows
 * what ZMTP puts on the wire (a REP answers with the 10-byte greeting signature); dialling a STREAM
 * socket shows plain bytes both ways. One TCP connection per start; "Send now" reconnects if the
 * peer closed it.
 */
import net from "node:net";
import { ERROR_CODES, phrase, type BehaviourParams } from "@zmqp/protocol";
import { parseHex } from "@zmqp/zmtp";
import { fillPayload } from "../frames.js";
import type { BehaviourContext, BehaviourSpec } from "./types.js";

type Params = BehaviourParams<"raw-tcp">;

/** `tcp://host:port` → net options; `ipc://path` → a Unix socket path (what ZeroMQ ipc uses). */
function netTarget(address: string): net.NetConnectOpts | null {
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:]+):(\d+)$/.exec(address);
  if (tcp) return { host: tcp[1]!.replace(/^\[|\]$/g, ""), port: Number(tcp[2]) };
  if (address.startsWith("ipc://")) return { path: address.slice("ipc://".length) };
  return null;
}

export const rawTcp: BehaviourSpec<Params> = {
  ownsSockets: true,
  create(ctx: BehaviourContext<Params>) {
    const p = ctx.params;
    const socketId = ctx.node.sockets[0]!.id;
    let conn: net.Socket | null = null;
    /** The link of the current connection, so counters and the canvas put its bytes on it. */
    let link: string | null = null;
    let connected: Promise<boolean> | null = null;
    let n = 0;

    const encode = (text: string): Buffer | null => {
      if (p.encoding === "text") return Buffer.from(text);
      const bytes = parseHex(text);
      if (!bytes) {
        ctx.error(ERROR_CODES.BAD_MESSAGE, phrase("error.notHex", { text }), socketId);
        return null;
      }
      return Buffer.from(bytes);
    };

    const connect = (): Promise<boolean> => {
      const dial = ctx.connectLinks(socketId)[0];
      const address = dial?.address;
      link = dial?.link ?? null;
      const target = address ? netTarget(address) : null;
      if (!address || !target) {
        ctx.error(
          ERROR_CODES.BAD_ENDPOINT,
          address ? phrase("error.rawTcpDial", { address }) : phrase("error.rawTcpNoLink"),
          socketId,
        );
        return Promise.resolve(false);
      }
      return new Promise((resolve) => {
        const c = net.connect(target);
        conn = c;
        c.setNoDelay(true);
        c.on("connect", () => {
          ctx.report.monitor(socketId, "connect", address);
          ctx.report.socketStatus(socketId, {
            connecting: [address],
            peers: 1,
            lastEvent: "connect",
          });
          ctx.setDetail(phrase("detail.tcpConnected", { address }));
          resolve(true);
        });
        c.on("data", (data: Buffer) => {
          ctx.report.message(socketId, "in", [data], "data", link);
          ctx.setDetail(phrase("detail.tcpReceived", { bytes: data.length }));
        });
        c.on("error", (err: NodeJS.ErrnoException) => {
          ctx.error(
            ERROR_CODES.SOCKET,
            `${address}: ${err.code ?? ""} ${err.message}`.trim(),
            socketId,
          );
          resolve(false);
        });
        c.on("close", () => {
          if (conn !== c) return;
          conn = null;
          connected = null;
          ctx.report.monitor(socketId, "disconnect", address);
          ctx.report.socketStatus(socketId, { peers: 0, lastEvent: "disconnect" });
          if (ctx.running()) ctx.setDetail(phrase("detail.tcpClosed"));
        });
      });
    };

    const send = async (text: string) => {
      const bytes = encode(text);
      if (!bytes || bytes.length === 0) return;
      connected ??= connect();
      if (!(await connected) || !conn || !ctx.running()) return;
      conn.write(bytes);
      ctx.report.message(socketId, "out", [bytes], "data", link);
    };

    return {
      async start() {
        connected = connect();
        if (await connected) if (p.sendOnConnect) await send(fillPayload(p.payload, ++n));
      },
      async sendNow(payload?: string) {
        await send(payload ?? fillPayload(p.payload, ++n));
      },
      stop() {
        const c = conn;
        conn = null;
        connected = null;
        c?.destroy();
      },
    };
  },
};
