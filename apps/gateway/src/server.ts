/**
 * startServer: buildApp plus a port, the printed URL and signal handling. SIGINT/SIGTERM close every
 * WebSocket and socket; a watchdog makes sure the process is gone within 2 s whatever hangs.
 */
import { buildApp, type AppOptions } from "./app.js";
import { isLoopbackListenHost } from "./security.js";

export interface ServerOptions extends AppOptions {
  host: string;
  port: number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Host as it goes in a URL: IPv6 in brackets, wildcards shown as loopback. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const external = !isLoopbackListenHost(options.host);
  const app = await buildApp({
    ...options,
    ...(external ? { externalHost: options.host.replace(/^\[|\]$/g, "") } : {}),
  });
  try {
    await app.listen({ host: options.host.replace(/^\[|\]$/g, ""), port: options.port });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${urlHost(options.host)}:${port}/?token=${options.token}`;
  return { url, close: () => app.close() };
}

/** Installs SIGINT/SIGTERM handlers that close the server and exit within `limitMs`. */
export function exitOnSignals(server: RunningServer, limitMs = 1800): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    closing = true;
    process.stderr.write(`zmqp: ${signal}, closing\n`);
    setTimeout(() => process.exit(1), limitMs).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
