/** Marks of the run going on, read from the live log (errors and timeline steps are never sampled). */
import type { LogEntry } from "../store/runtimeSlice.js";
import { markOf, MAX_MARKS, type Mark } from "./marks.js";

let memo: { log: readonly LogEntry[]; marks: Mark[] } | null = null;

export function liveMarks(log: readonly LogEntry[]): Mark[] {
  if (memo?.log === log) return memo.marks;
  const marks: Mark[] = [];
  for (const e of log) {
    const m = markOf(e, 0);
    if (m) marks.push(m);
    if (marks.length >= MAX_MARKS) break;
  }
  memo = { log, marks };
  return marks;
}
