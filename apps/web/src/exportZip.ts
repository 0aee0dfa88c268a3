/**
 * The Export menu's download: the exporter's files (the same @zmqp/export the `zmqp export`
 * command writes) zipped with fflate into one folder, programs marked executable.
 */
import { exportGraph, type ExportOptions } from "@zmqp/export";
import type { GraphDoc } from "@zmqp/protocol";
import { strToU8, zipSync, type Zippable } from "fflate";

/** Unix mode bits in a zip entry's external attributes (high 16 bits), `os: 3` = Unix. */
const EXECUTABLE = { os: 3, attrs: 0o100755 << 16 };
const REGULAR = { os: 3, attrs: 0o100644 << 16 };

export type ZipResult =
  { ok: true; file: string; bytes: Uint8Array } | { ok: false; reason: string };

export function exportZip(doc: GraphDoc, options: ExportOptions): ZipResult {
  const r = exportGraph(doc, options);
  if (!r.ok) return { ok: false, reason: r.reason };
  const folder = `${r.name}-${options.language}`;
  const tree: Zippable = {};
  for (const [path, text] of Object.entries(r.files))
    tree[`${folder}/${path}`] = [strToU8(text), /\.(py|mjs)$/.test(path) ? EXECUTABLE : REGULAR];
  return { ok: true, file: `${folder}.zip`, bytes: zipSync(tree, { level: 6 }) };
}

/** Hands the bytes to the browser as a download. */
export function download(file: string, bytes: Uint8Array, type = "application/zip") {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  a.download = file;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
