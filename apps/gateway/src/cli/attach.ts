/**
 * `zmqp attach [--ports 5555,5559-5560 | --all-zmtp] [--iface lo] [--pcap FILE] [--duration S]
 * [--json]`: draws a ZeroMQ system the playground did not start, from its traffic. Prints the
 * observed events (NDJSON with --json) and ends with one summary line: the observed graph and
 * the per-link counts. SIGINT/SIGTERM end it like --duration; a file ends when it is read.
 */
import {
  AttachSession,
  BadCaptureFile,
  CaptureError,
  PortsError,
  parsePorts,
  type PortRange,
} from "@zmqp/attach";
import type { AttachSummary, RuntimeEvent } from "@zmqp/protocol";
import { UsageError } from "./common.js";
import { formatEvent } from "./format.js";

export interface AttachArgs {
  ports?: string;
  allZmtp: boolean;
  iface: string;
  pcap?: string;
  durationS?: number;
  json: boolean;
}

function portsOf(args: Pick<AttachArgs, "ports" | "allZmtp">): PortRange[] | "all" {
  if (args.allZmtp && args.ports)
    throw new UsageError("give either --ports or --all-zmtp, not both");
  if (args.allZmtp) return "all";
  if (!args.ports)
    throw new UsageError(
      "zmqp attach needs --ports (like --ports 5555,5559-5560) or --all-zmtp (every TCP connection that speaks ZMTP)",
    );
  try {
    return parsePorts(args.ports);
  } catch (e) {
    if (e instanceof PortsError) throw new UsageError(e.message);
    throw e;
  }
}

/** One readable line per observed event, or null (the summary has the rest). */
function line(e: RuntimeEvent): string | null {
  if (e.type === "observed") {
    const open = e.graph.links.filter((l) => l.state === "open").length;
    return `${new Date(e.t).toISOString().slice(11, 23)} graph: ${e.graph.nodes.length} node(s), ${open} open link(s)`;
  }
  return formatEvent(e);
}

export async function attachCommand(args: AttachArgs): Promise<number> {
  const ports = portsOf(args);
  const out = (text: string) => process.stdout.write(`${text}\n`);
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let session: AttachSession;
  try {
    session = await AttachSession.start({
      ports,
      iface: args.iface,
      ...(args.pcap !== undefined ? { pcapFile: args.pcap } : {}),
      emit: (e) => {
        if (args.json) out(JSON.stringify(e));
        else {
          const l = line(e);
          if (l !== null) out(l);
        }
      },
      onEnd: (reason) => {
        if (reason) process.stderr.write(`zmqp: ${reason}\n`);
        finish();
      },
    });
  } catch (e) {
    if (e instanceof CaptureError || e instanceof BadCaptureFile)
      throw new UsageError(e.message, 1);
    throw e;
  }
  if (args.pcap === undefined)
    process.stderr.write(
      `zmqp: attached to ${args.iface} (${ports === "all" ? "every ZMTP connection" : `ports ${args.ports}`}); Ctrl+C ends\n`,
    );
  const onSignal = () => finish();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const timer =
    args.durationS !== undefined ? setTimeout(finish, Math.round(args.durationS * 1000)) : null;
  try {
    await done;
  } finally {
    if (timer) clearTimeout(timer);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
  const summary: AttachSummary = await session.stop();
  out(JSON.stringify(summary));
  return 0;
}
