/**
 * Opens a `.zmqrec`. Never throws: a file from a newer playground, a damaged file or something
 * that is not a recording comes back as a stable code and a sentence that says what to do.
 */
import { ERROR_CODES, parseGraph, type GraphDoc } from "@zmqp/protocol";
import { strFromU8, unzipSync, type Unzipped } from "fflate";
import type { z } from "zod";
import { crc32 } from "./crc32.js";
import {
  FORMAT_VERSION,
  MEMBERS,
  type Manifest,
  type RecordEntry,
  type RecordingData,
} from "./format.js";
import { EntrySchema, ManifestSchema, StateSchema } from "./schema.js";
import type { ReplayState } from "./state.js";

export interface RecordingError {
  code: typeof ERROR_CODES.BAD_RECORDING | typeof ERROR_CODES.RECORDING_VERSION;
  /** English, one line, ending with what to do. */
  message: string;
  /** For RECORDING_VERSION: the file's format version and the newest this reader takes. */
  version?: { file: number; supported: number };
}

export type ReadResult = { ok: true; data: RecordingData } | { ok: false; error: RecordingError };

export interface ReadOptions {
  /** Refuse members that inflate past this many bytes (a zip bomb). Default 1 GiB. */
  maxInflatedBytes?: number;
}

const bad = (why: string): ReadResult => ({
  ok: false,
  error: {
    code: ERROR_CODES.BAD_RECORDING,
    message: `This is not a readable playground recording: ${why}. Open a .zmqrec file saved by the playground, or save the run again.`,
  },
});

export function decodeRecording(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const limit = options.maxInflatedBytes ?? 1024 * 1024 * 1024;
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    return bad("the file does not start like a .zmqrec (a ZIP archive)");
  let tooBig: string | null = null;
  const unzip = (wanted: (name: string) => boolean): Unzipped | string => {
    try {
      return unzipSync(bytes, {
        filter: (f) => {
          if (!wanted(f.name)) return false;
          if (f.originalSize > limit) tooBig = f.name;
          return tooBig === null;
        },
      });
    } catch (error) {
      return `the archive is damaged (${(error as Error).message})`;
    }
  };

  const head = unzip((name) => name === "manifest.json");
  if (typeof head === "string") return bad(head);
  if (tooBig) return bad(`${tooBig} is larger than ${limit} bytes`);
  if (!head["manifest.json"]) return bad("it has no manifest.json");
  const rawManifest = json(head["manifest.json"]);
  if (rawManifest === undefined) return bad("manifest.json is not valid JSON");
  const m = rawManifest as { format?: unknown; version?: unknown };
  if (m.format !== "zmqrec") return bad("its manifest does not say format zmqrec");
  if (typeof m.version === "number" && m.version > FORMAT_VERSION)
    return {
      ok: false,
      error: {
        code: ERROR_CODES.RECORDING_VERSION,
        message: `This recording is format version ${m.version}, made by a newer playground; this one reads up to version ${FORMAT_VERSION}. Update the playground to open it.`,
        version: { file: m.version, supported: FORMAT_VERSION },
      },
    };
  const manifest = ManifestSchema.safeParse(rawManifest);
  if (!manifest.success) return bad(`its manifest is malformed (${issue(manifest.error)})`);
  if (manifest.data.version < 1)
    return bad(`format version ${manifest.data.version} does not exist`);

  const body = unzip((name) => (MEMBERS as readonly string[]).includes(name));
  if (typeof body === "string") return bad(body);
  if (tooBig) return bad(`${tooBig} is larger than ${limit} bytes`);
  const texts: Record<string, unknown> = {};
  for (const name of MEMBERS) {
    const member = body[name];
    if (!member) return bad(`it has no ${name}`);
    if (crc32(member) !== manifest.data.checksums[name])
      return bad(`${name} is damaged (its checksum does not match the manifest)`);
    const value = json(member);
    if (value === undefined) return bad(`${name} is not valid JSON`);
    texts[name] = value;
  }

  let document: GraphDoc | null = null;
  if (texts["document.json"] !== null) {
    const graph = parseGraph(texts["document.json"], { allowExternal: true });
    if (!graph.doc) return bad(`document.json is not a graph (${graph.diagnostics[0]?.message})`);
    document = graph.doc;
  }
  const start = StateSchema.safeParse(texts["start.json"]);
  if (!start.success) return bad(`start.json is malformed (${issue(start.error)})`);
  const list = texts["entries.json"];
  if (!Array.isArray(list)) return bad("entries.json is not a list");
  for (let i = 0; i < list.length; i++) {
    const entry = EntrySchema.safeParse(list[i]);
    if (!entry.success) return bad(`entry ${i} is malformed (${issue(entry.error)})`);
  }
  return {
    ok: true,
    data: {
      manifest: manifest.data as Manifest,
      document,
      start: texts["start.json"] as ReplayState,
      entries: list as RecordEntry[],
    },
  };
}

function json(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    return undefined;
  }
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join(".") || "value"}: ${first.message}` : "invalid";
}
