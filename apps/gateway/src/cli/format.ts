/** One readable line per runtime event, for `zmqp run` without --json. */
import { english, localized, type FrameView, type RuntimeEvent } from "@zmqp/protocol";

function time(t: number): string {
  return new Date(t).toISOString().slice(11, 23);
}

function frames(fs: FrameView[]): string {
  return fs.map((f) => (f.text !== undefined ? JSON.stringify(f.text) : `0x${f.hex}`)).join(" | ");
}

/** The line for an event, or null for events not worth a line (counters: the summary has them). */
export function formatEvent(e: RuntimeEvent): string | null {
  const at = time(e.t);
  switch (e.type) {
    case "runtime":
      return `${at} runtime ${e.state} (deploy ${e.deployId})`;
    case "status": {
      const detail = e.status.detail ? `: ${e.status.detail}` : "";
      const activity = e.status.activity ? ` ${e.status.activity}` : "";
      return `${at} ${e.node} ${e.status.state}${activity}${detail}`;
    }
    case "monitor":
      return `${at} ${e.node}.${e.socket} ${e.event}${e.address ? ` ${e.address}` : ""}${e.detail ? ` (${e.detail})` : ""}`;
    case "message": {
      const arrow = e.direction === "out" ? "->" : "<-";
      const via = e.link ? ` via ${e.link}` : e.external ? " from outside" : "";
      return `${at} ${e.node}.${e.socket} ${arrow} ${e.kind}${via}: ${frames(e.frames)}`;
    }
    case "drop":
      return `${at} ${e.node}.${e.socket} dropped ${e.count} (${e.reason})`;
    case "error":
      return `${at} ${e.node}${e.socket ? `.${e.socket}` : ""} ERROR ${e.code}: ${e.message}`;
    case "counters":
      return null;
    case "timeline":
      return `${at} timeline #${e.index}: ${e.step.action} ${e.step.node ?? e.step.link ?? ""}${e.step.note ? ` (${localized(e.step.note)})` : ""}`;
    case "pipe":
      return `${at} ${e.node}.${e.socket} pipe ${e.state}: ${english(e.reason)}`;
    case "log":
      return `${at} ${e.level}${e.node ? ` ${e.node}` : ""}: ${e.text}`;
    default:
      // Event kinds meant for the canvas (the wire inspector…) have no log line.
      return null;
  }
}
