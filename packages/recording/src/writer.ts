/** Writes a recording as one `.zmqrec` file (see format.ts for what is inside). */
import { strToU8, zipSync } from "fflate";
import { crc32 } from "./crc32.js";
import type { Manifest, Member, RecordingData } from "./format.js";

export function encodeRecording(data: RecordingData): Uint8Array {
  const members: Record<Member, Uint8Array> = {
    "document.json": strToU8(JSON.stringify(data.document)),
    "start.json": strToU8(JSON.stringify(data.start)),
    "entries.json": strToU8(JSON.stringify(data.entries)),
  };
  const manifest: Manifest = {
    ...data.manifest,
    counts: { ...data.manifest.counts, entries: data.entries.length },
    checksums: {
      "document.json": crc32(members["document.json"]),
      "start.json": crc32(members["start.json"]),
      "entries.json": crc32(members["entries.json"]),
    },
  };
  return zipSync(
    {
      // Stored, not deflated: a reader checks the version before inflating anything.
      "manifest.json": [strToU8(JSON.stringify(manifest, null, 2)), { level: 0 }],
      ...members,
    },
    // A fixed time stamp on every member: the same recording always makes the same bytes.
    { level: 6, mtime: Date.parse(data.manifest.createdAt) || "1980-01-01" },
  );
}
