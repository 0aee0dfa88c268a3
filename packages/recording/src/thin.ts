/** Thinning a run of entries: messages left out become tallies at the place they were. */
import type { RecordEntry } from "./format.js";
import { tallyKey } from "./tally.js";

type Tally = Extract<RecordEntry, { k: "tally" }>;

/**
 * Keeps one message in `stride` (Infinity: none). The choice goes by the send's id, so a send and
 * the receives that name it in `sendId` stay or go together. Consecutive tallies merge.
 */
export function thinEntries(
  entries: RecordEntry[],
  stride: number,
): { entries: RecordEntry[]; removed: number } {
  const out: RecordEntry[] = [];
  let tally: Tally | null = null;
  let removed = 0;
  for (const entry of entries) {
    if (entry.k === "e" && entry.e.type === "message") {
      const m = entry.e;
      const group = m.direction === "in" && m.sendId !== undefined ? m.sendId : m.id;
      if (stride !== Infinity && group % stride === 0) {
        if (tally) out.push(tally);
        tally = null;
        out.push(entry);
        continue;
      }
      tally ??= { k: "tally", t: m.t, n: 0, m: {} };
      tally.t = Math.max(tally.t, m.t);
      tally.n++;
      const key = tallyKey(m);
      tally.m[key] = (tally.m[key] ?? 0) + 1;
      removed++;
    } else if (entry.k === "tally") {
      tally ??= { k: "tally", t: entry.t, n: 0, m: {} };
      tally.t = Math.max(tally.t, entry.t);
      tally.n += entry.n;
      for (const [key, n] of Object.entries(entry.m)) tally.m[key] = (tally.m[key] ?? 0) + n;
    } else {
      if (tally) out.push(tally);
      tally = null;
      out.push(entry);
    }
  }
  if (tally) out.push(tally);
  return { entries: out, removed };
}
