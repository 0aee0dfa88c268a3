/** `zmqp serve [--port P] [--host H] [--allow-external] [--open] [--grace S] [--max-tabs N]`. */
import { spawn } from "node:child_process";
import { newToken, isLoopbackListenHost } from "../security.js";
import { exitOnSignals, startServer } from "../server.js";
import { UsageError } from "./common.js";

export interface ServeArgs {
  port: number;
  host: string;
  allowExternal: boolean;
  allowCapture: boolean;
  open: boolean;
  graceS: number;
  /** Open tabs before more are refused (ZMQP_ERR_TOO_MANY_TABS). */
  maxTabs: number;
}

export async function serveCommand(args: ServeArgs): Promise<number> {
  if (!isLoopbackListenHost(args.host)) {
    if (!args.allowExternal)
      throw new UsageError(
        `refusing to listen on ${args.host}: only loopback by default; add --allow-external to expose the gateway`,
      );
    process.stderr.write(
      `WARNING: listening on ${args.host}. Anyone who can reach this address and holds the token can ` +
        `create sockets on this machine, and graphs may bind non-loopback addresses (--allow-external).\n`,
    );
  }
  const token = process.env.ZMQP_TOKEN || newToken();
  const allowedOrigins = (process.env.ZMQP_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let server;
  try {
    server = await startServer({
      host: args.host,
      port: args.port,
      token,
      allowExternal: args.allowExternal,
      allowCapture: args.allowCapture,
      graceMs: Math.round(args.graceS * 1000),
      maxTabs: args.maxTabs,
      allowedOrigins,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new UsageError(
        `port ${args.port} is already in use: is zmqp serve running? try --port`,
        1,
      );
    if (code === "EADDRNOTAVAIL")
      throw new UsageError(`${args.host} is not an address of this machine`, 1);
    throw error;
  }
  if (args.allowCapture)
    process.stderr.write(
      `NOTE: --allow-capture: pages holding the token may capture loopback traffic on the ports they list (zmqp attach), including other programs'.\n`,
    );
  process.stdout.write(`ZeroMQ Playground: ${server.url}\n`);
  exitOnSignals(server);
  if (args.open) {
    try {
      const child = spawn("xdg-open", [server.url], { stdio: "ignore", detached: true });
      child.on("error", () => undefined);
      child.unref();
    } catch {
      // No browser opener: the URL is printed above.
    }
  }
  return new Promise<number>(() => undefined);
}
