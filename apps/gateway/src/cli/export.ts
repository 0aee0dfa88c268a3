/**
 * `zmqp export FILE --lang python|node --out DIR [--compose] [--nodes a,b]`: writes the graph as
 * runnable programs (the generator is @zmqp/export, the same the page's Export menu zips).
 * It refuses a DIR that holds files already, so an export never overwrites someone's work.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { EXPORT_LANGUAGES, exportGraph, type ExportLanguage } from "@zmqp/export";
import { EXIT_INVALID, UsageError, loadJson, printDiagnostics } from "./common.js";

export interface ExportArgs {
  file: string;
  lang: string | undefined;
  out: string | undefined;
  compose: boolean;
  nodes?: string;
  force: boolean;
}

const RUN: Record<ExportLanguage, string> = {
  python: "pip install -r requirements.txt && python3 run_all.py",
  node: "npm install && node run-all.mjs",
};

export async function exportCommand(args: ExportArgs): Promise<number> {
  const lang = args.lang as ExportLanguage | undefined;
  if (!lang || !EXPORT_LANGUAGES.includes(lang))
    throw new UsageError(
      `--lang must be ${EXPORT_LANGUAGES.join(" or ")}${args.lang ? `, got "${args.lang}"` : ""}`,
    );
  if (!args.out) throw new UsageError("--out DIR is needed: the folder to write the programs to");
  const raw = await loadJson(args.file);
  const nodes = args.nodes
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const result = exportGraph(raw, {
    language: lang,
    compose: args.compose,
    ...(nodes ? { nodes } : {}),
  });
  if (!result.ok) {
    printDiagnostics(result.diagnostics, false);
    if (result.diagnostics.length === 0) process.stderr.write(`zmqp: ${result.reason}\n`);
    return EXIT_INVALID;
  }
  const out = path.resolve(args.out);
  const existing = await readdir(out).catch(() => [] as string[]);
  if (existing.length > 0 && !args.force)
    throw new UsageError(
      `${args.out} is not empty: choose a new folder, or add --force to write over its files`,
    );
  for (const [name, text] of Object.entries(result.files)) {
    const target = path.join(out, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, { mode: /\.(py|mjs)$/.test(name) ? 0o755 : 0o644 });
  }
  process.stdout.write(
    `wrote ${Object.keys(result.files).length} files to ${args.out}\n` +
      `run them: cd ${args.out} && ${RUN[lang]}\n`,
  );
  for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
  return 0;
}
