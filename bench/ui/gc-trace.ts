/**
 * Reads `node --trace-gc` output: the JavaScript heap left after each full collection
 * (Mark-Compact). RSS alone cannot tell a leak from the collector's sawtooth within a minute;
 * the heap after full collections can: a leak raises it, garbage does not.
 */

export interface MajorGc {
  /** ms since the gateway process started (the trace's own clock). */
  atMs: number;
  /** Heap in use after the collection, MB. */
  afterMB: number;
}

// [pid:0xisolate]    86994 ms: Mark-Compact 44.6 (77.3) -> 32.4 (77.3) MB, ...
const LINE =
  /\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: (Mark-Compact|Scavenge)[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(/;

export class GcTrace {
  private partial = "";
  private readonly byIsolate = new Map<string, { lines: number; major: MajorGc[] }>();

  /** Feeds a chunk of the process's stdout. */
  push(chunk: string): void {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      const m = LINE.exec(line);
      if (!m) continue;
      const isolate = this.byIsolate.get(m[1]!) ?? { lines: 0, major: [] };
      this.byIsolate.set(m[1]!, isolate);
      isolate.lines++;
      if (m[3] === "Mark-Compact")
        isolate.major.push({ atMs: Number(m[2]), afterMB: Number(m[4]) });
    }
  }

  /**
   * Full collections of the main isolate (the busiest one: tsx's loader hooks run on a thread of
   * their own, with its own, quiet heap) between two times of the process's clock.
   */
  majorBetween(fromMs: number, toMs: number): MajorGc[] {
    let main: { lines: number; major: MajorGc[] } | null = null;
    for (const isolate of this.byIsolate.values())
      if (!main || isolate.lines > main.lines) main = isolate;
    return (main?.major ?? []).filter((g) => g.atMs >= fromMs && g.atMs <= toMs);
  }
}
