/**
 * Back and Forward with the event log filtered: one row of the filtered log at a time. Stepping
 * one event, as without a filter, mostly stepped over events the log hides, so the view seemed
 * not to move, or jumped over the rows the person was reading.
 */
import { filtering, matches, type LogFilter } from "../store/logFilter.js";
import { logged } from "../store/runtimeSlice.js";
import type { PageReplay } from "./view.js";

/** Positions just after each event the filtered log lists (a row's seq is this position). */
function rowPositions(replay: PageReplay, f: LogFilter): number[] {
  const out: number[] = [];
  replay.data.entries.forEach((entry, i) => {
    if (entry.k === "e" && logged(entry.e) && matches(entry.e, f)) out.push(i + 1);
  });
  return out;
}

/**
 * Where Back (-1) or Forward (1) goes from `position` with filter `f`: null when no filter is on
 * (step one event), "none" when the filtered log has no row that way. Back takes the newest row
 * shown away (the moment is then the row before it, or the start when it was the first); Forward
 * shows the next row.
 */
export function filteredTarget(
  replay: PageReplay,
  position: number,
  direction: -1 | 1,
  f: LogFilter,
): number | "none" | null {
  if (!filtering(f)) return null;
  const rows = rowPositions(replay, f);
  if (direction === 1) return rows.find((r) => r > position) ?? "none";
  const shown = rows.filter((r) => r <= position);
  if (shown.length === 0) return "none";
  return shown.at(-2) ?? 0;
}

/**
 * Where Back (-1) or Forward (1) goes from `position`: one event, or one row of the filtered log;
 * null when there is nothing that way in `replay` (its start, its end, no filtered row). The one
 * rule for stepping (control.ts) and for whether the buttons are enabled (stepping.ts).
 */
export function stepTarget(
  replay: PageReplay,
  position: number,
  direction: -1 | 1,
  f: LogFilter,
): number | null {
  const next = filteredTarget(replay, position, direction, f) ?? position + direction;
  return next === "none" || next < 0 || next > replay.length ? null : next;
}
