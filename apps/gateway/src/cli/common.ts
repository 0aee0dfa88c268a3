/** What every command shares: reading a graph file and printing diagnostics, without stack traces. */
import { readFile } from "node:fs/promises";
import type { Diagnostic } from "@zmqp/protocol";

/** A user mistake (bad flag, missing file, bad JSON): one line on stderr and exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export const EXIT_INVALID = 2;

/** Reads and JSON-parses a graph file; every failure is one line naming the file. */
export async function loadJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : (code ?? "unreadable");
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : "invalid";
    throw new UsageError(`${file} is not valid JSON: ${detail}`);
  }
}

/** Where a diagnostic points: node/socket/link ids, else its document path. */
function where(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.node) parts.push(d.socket ? `${d.node}.${d.socket}` : d.node);
  if (d.link) parts.push(`link ${d.link}`);
  if (parts.length === 0 && d.path) parts.push(d.path);
  return parts.join(", ") || "document";
}

/** `error ZMQP_ERR_BAD_PORT at server.rep: port 99999 is outside 1-65535` */
function formatDiagnostic(d: Diagnostic): string {
  return `${d.severity} ${d.code} at ${where(d)}: ${d.message}`;
}

export function printDiagnostics(diagnostics: Diagnostic[], json: boolean): void {
  for (const d of diagnostics) {
    if (json)
      process.stdout.write(`${JSON.stringify({ type: "diagnostic", ...d, where: where(d) })}\n`);
    else process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}
