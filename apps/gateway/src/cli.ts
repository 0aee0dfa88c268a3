/**
 * The `zmqp` command: run, validate, export, serve. Argument mistakes and unreadable files are one line on
 * stderr (exit 2), never a stack trace.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./cli/common.js";

/** Default `zmqp serve` port: no template binds it (they use the guide's 5555-5560). */
const DEFAULT_PORT = 7780;

const USAGE = `usage:
  zmqp run FILE [--duration S] [--json] [--allow-external] [--record OUT.zmqrec]
  zmqp validate FILE [--json] [--allow-external]
  zmqp export FILE --lang python|node --out DIR [--compose] [--nodes ID,ID] [--force]
  zmqp serve [--port P] [--host H] [--allow-external] [--allow-capture] [--open] [--grace S] [--max-tabs N]
  zmqp attach [--ports 5555,5559-5560 | --all-zmtp] [--iface lo] [--pcap FILE] [--duration S] [--json]`;

function number(name: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      duration: { type: "string" },
      json: { type: "boolean", default: false },
      "allow-external": { type: "boolean", default: false },
      port: { type: "string" },
      host: { type: "string" },
      open: { type: "boolean", default: false },
      grace: { type: "string" },
      "max-tabs": { type: "string" },
      ports: { type: "string" },
      "all-zmtp": { type: "boolean", default: false },
      iface: { type: "string" },
      pcap: { type: "string" },
      "allow-capture": { type: "boolean", default: false },
      lang: { type: "string" },
      out: { type: "string" },
      compose: { type: "boolean", default: false },
      nodes: { type: "string" },
      force: { type: "boolean", default: false },
      record: { type: "string" },
    },
  });
  const allowExternal = values["allow-external"] ?? false;
  const file = () => {
    if (positionals.length !== 1) throw new UsageError(`zmqp ${command} needs one FILE\n${USAGE}`);
    return positionals[0]!;
  };
  switch (command) {
    case "run": {
      const durationS = number("duration", values.duration, 0, 7 * 24 * 3600);
      // Loaded on demand: `validate` never needs the zeromq native module.
      const { runCommand } = await import("./cli/run.js");
      return runCommand({
        file: file(),
        json: values.json ?? false,
        allowExternal,
        ...(durationS !== undefined ? { durationS } : {}),
        ...(values.record !== undefined ? { record: values.record } : {}),
      });
    }
    case "attach": {
      if (positionals.length > 0)
        throw new UsageError(`zmqp attach takes no FILE (use --pcap FILE)\n${USAGE}`);
      const durationS = number("duration", values.duration, 0, 7 * 24 * 3600);
      const { attachCommand } = await import("./cli/attach.js");
      return attachCommand({
        allZmtp: values["all-zmtp"] ?? false,
        iface: values.iface ?? "lo",
        json: values.json ?? false,
        ...(values.ports !== undefined ? { ports: values.ports } : {}),
        ...(values.pcap !== undefined ? { pcap: values.pcap } : {}),
        ...(durationS !== undefined ? { durationS } : {}),
      });
    }
    case "validate": {
      const { validateCommand } = await import("./cli/validate.js");
      return validateCommand({ file: file(), json: values.json ?? false, allowExternal });
    }
    case "export": {
      // Loaded on demand, and free of zeromq: exporting runs nothing.
      const { exportCommand } = await import("./cli/export.js");
      return exportCommand({
        file: file(),
        lang: values.lang,
        out: values.out,
        compose: values.compose ?? false,
        force: values.force ?? false,
        ...(values.nodes !== undefined ? { nodes: values.nodes } : {}),
      });
    }
    case "serve": {
      if (positionals.length > 0) throw new UsageError(`zmqp serve takes no FILE\n${USAGE}`);
      const { serveCommand } = await import("./cli/serve.js");
      return serveCommand({
        port: number("port", values.port, 0, 65535) ?? DEFAULT_PORT,
        host: values.host ?? "127.0.0.1",
        allowExternal,
        allowCapture: values["allow-capture"] ?? false,
        open: values.open ?? false,
        graceS: number("grace", values.grace, 0, 24 * 3600) ?? 30,
        maxTabs: number("max-tabs", values["max-tabs"], 1, 1000) ?? 32,
      });
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}

// `zmqp run x.json | head`: a reader that goes away ends the run quietly, not with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The engine closes every socket with linger 0; should anything still hold the loop, leave anyway.
    setTimeout(() => process.exit(code), 1000).unref();
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`zmqp: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`zmqp: ${(error as Error).message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`zmqp: unexpected error: ${(error as Error)?.message ?? error}\n`);
      process.exitCode = 1;
    }
  },
);
