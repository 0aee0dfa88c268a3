/**
 * `exportGraph`: a graph document in, a small project out (file path → text). Pure: the CLI
 * writes the files to a folder, the page zips them; both call this.
 */
import { localized, parseGraph, type Diagnostic, type GraphDoc } from "@zmqp/protocol";
import { BEHAVIOUR_EXPORTS } from "./behaviours/index.js";
import { composeFiles } from "./compose.js";
import { canvasPart } from "./mixed.js";
import { nodeLauncher } from "./node/launcher.js";
import { planExport } from "./plan.js";
import { pythonLauncher } from "./python/launcher.js";
import { exportReadme } from "./readme.js";

export const EXPORT_LANGUAGES = ["python", "node"] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export interface ExportOptions {
  language: ExportLanguage;
  /** Also write compose.yaml and a Dockerfile (one service per node). */
  compose?: boolean;
  /**
   * Export only these nodes; the rest stay on the canvas (`playground.json` is the graph with the
   * exported nodes turned into external peers, to open in the playground beside the programs).
   */
  nodes?: string[];
}

export type ExportResult =
  | { ok: true; files: Record<string, string>; notes: string[]; name: string }
  | { ok: false; reason: string; diagnostics: Diagnostic[] };

/** The file extension of each language's programs. */
export const PROGRAM_EXT: Record<ExportLanguage, string> = { python: "py", node: "mjs" };

export function exportGraph(raw: unknown, options: ExportOptions): ExportResult {
  // Exporting runs nothing: binds on every interface are the graph's choice, said in the README.
  const parsed = parseGraph(raw, { allowExternal: true });
  if (!parsed.ok)
    return {
      ok: false,
      reason: parsed.diagnostics.find((d) => d.severity === "error")?.message ?? "invalid graph",
      diagnostics: parsed.diagnostics,
    };
  const doc = parsed.doc;
  const unknown = options.nodes?.filter((id) => !doc.nodes.some((n) => n.id === id)) ?? [];
  if (unknown.length > 0)
    return { ok: false, reason: `no node "${unknown[0]}" in this graph`, diagnostics: [] };
  if (options.nodes && options.nodes.length === 0)
    return { ok: false, reason: "name at least one node to export", diagnostics: [] };
  const plan = planExport(doc, options.nodes);
  const name = exportName(doc);
  // Exported programs and their README are in English (as the CLI is).
  const graph = localized(doc.title) ?? doc.name ?? "untitled";
  const files: Record<string, string> = {};
  for (const node of plan.exported) {
    const writer = BEHAVIOUR_EXPORTS[node.key][options.language];
    files[`nodes/${node.file}.${PROGRAM_EXT[options.language]}`] = writer({ plan, node, graph });
  }
  if (options.language === "python") {
    files["run_all.py"] = pythonLauncher(plan, graph);
    files["requirements.txt"] = "pyzmq>=24\n";
  } else {
    files["run-all.mjs"] = nodeLauncher(plan, graph);
    files["package.json"] = nodePackage(name);
  }
  files["graph.json"] = `${JSON.stringify(doc, null, 2)}\n`;
  if (options.nodes)
    files["playground.json"] = `${JSON.stringify(canvasPart(doc, options.nodes), null, 2)}\n`;
  if (options.compose) Object.assign(files, composeFiles(plan, options.language, name));
  files["README.md"] = exportReadme(plan, options.language, {
    name,
    graph,
    compose: options.compose ?? false,
    partial: options.nodes !== undefined,
  });
  return { ok: true, files, notes: plan.notes, name };
}

/** A folder-safe name for the export: the graph's name, else its title. */
export function exportName(doc: GraphDoc): string {
  const base = (doc.name ?? localized(doc.title) ?? "graph")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return base || "graph";
}

function nodePackage(name: string): string {
  return `${JSON.stringify(
    {
      name: `zmqp-${name}`.slice(0, 214),
      private: true,
      type: "module",
      description: "Programs exported from ZeroMQ Playground: one per node, and run-all.mjs.",
      scripts: { start: "node run-all.mjs" },
      engines: { node: ">=18.3" },
      dependencies: { zeromq: "^6.8.0" },
    },
    null,
    2,
  )}\n`;
}
