/** `zmqp validate FILE [--allow-external] [--json]`: the canvas's rules, from a terminal. Exit 0 or 2. */
import { parseGraph } from "@zmqp/protocol";
import { EXIT_INVALID, loadJson, printDiagnostics } from "./common.js";

export interface ValidateArgs {
  file: string;
  allowExternal: boolean;
  json: boolean;
}

export async function validateCommand(args: ValidateArgs): Promise<number> {
  const raw = await loadJson(args.file);
  const result = parseGraph(raw, { allowExternal: args.allowExternal });
  printDiagnostics(result.diagnostics, args.json);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const line = result.ok
    ? `${args.file}: valid (${result.diagnostics.length} warning(s))`
    : `${args.file}: ${errors} error(s)`;
  if (args.json)
    process.stdout.write(`${JSON.stringify({ type: "result", ok: result.ok, errors })}\n`);
  else (result.ok ? process.stdout : process.stderr).write(`${line}\n`);
  return result.ok ? 0 : EXIT_INVALID;
}
