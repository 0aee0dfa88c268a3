/**
 * `--ports 5555,5559-5560`: which listening ports to follow, and the BPF filter that asks tcpdump
 * for exactly those (so the kernel drops the rest before it reaches us).
 */

export interface PortRange {
  from: number;
  to: number;
}

export class PortsError extends Error {}

const MAX_ENTRIES = 64;

export function parsePorts(text: string): PortRange[] {
  const parts = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0)
    throw new PortsError("--ports needs at least one port, like 5555 or 5559-5560");
  if (parts.length > MAX_ENTRIES)
    throw new PortsError(`--ports takes at most ${MAX_ENTRIES} entries`);
  return parts.map((p) => {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(p);
    if (!m) throw new PortsError(`"${p}" is not a port or a range (5555, 5559-5560)`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to > 65535 || from > to)
      throw new PortsError(`"${p}": ports are 1-65535, a range goes low-high`);
    return { from, to };
  });
}

export function portMatcher(ranges: readonly PortRange[]): (port: number) => boolean {
  return (port) => ranges.some((r) => port >= r.from && port <= r.to);
}

/** `tcp and (port 5555 or portrange 5559-5560)`; plain `tcp` for every port. */
export function bpfFilter(ranges: readonly PortRange[] | "all"): string {
  if (ranges === "all") return "tcp";
  const terms = ranges.map((r) =>
    r.from === r.to ? `port ${r.from}` : `portrange ${r.from}-${r.to}`,
  );
  return `tcp and (${terms.join(" or ")})`;
}

export function formatPorts(ranges: readonly PortRange[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(",");
}
