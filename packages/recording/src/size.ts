/**
 * What the budget measures: the bytes an entry takes as JSON, the form the file holds before
 * compression. Messages are estimated from their frames (JSON.stringify per message would cost
 * more than the recording itself at tens of thousands a second); everything else is measured.
 */
import type { RecordEntry } from "./format.js";
import type { ReplayState } from "./state.js";

const MESSAGE_OVERHEAD = 200;
const FRAME_OVERHEAD = 40;

export function entryBytes(entry: RecordEntry): number {
  if (entry.k === "e" && entry.e.type === "message") {
    let n = MESSAGE_OVERHEAD;
    for (const f of entry.e.frames) n += FRAME_OVERHEAD + f.hex.length + (f.text?.length ?? 0);
    return n;
  }
  // A redeployed document is shared with the runtime and the keyframes: count it once, here.
  return JSON.stringify(entry).length;
}

export function stateBytes(state: ReplayState): number {
  return JSON.stringify({ ...state, doc: null }).length;
}
