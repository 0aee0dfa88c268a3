/**
 * Who is on the other end of this process's bound tcp ports. zeromq's monitor names only the local
 * endpoint on `accept` and `disconnect`, so the kernel's connection table (Linux /proc/net/tcp and
 * tcp6) and this process's socket inodes (/proc/self/fd) tell the playground's own connections
 * from outside ones. Reading them is O(connections), so it never runs per event: events only ask
 * for a refresh; one asynchronous scan (file reads on libuv's pool) serves every event of its
 * window, and its result is cached until the next. 1000 connections in 10 s cost a few scans a
 * second, not 2000 synchronous ones (bench/connections.ts). Without /proc it finds nothing.
 */
import { readdir, readFile, readlink } from "node:fs/promises";

/**
 * The least time between two scans, ms: the first event after a quiet spell is scanned at once
 * (a short-lived peer is still there to be seen), the events that follow are gathered.
 */
const COALESCE_MS = 25;

interface Conn {
  local: string;
  remote: string;
  inode: string;
}

/** "0100007F:15B3" → "127.0.0.1:5555"; tcp6 words are little-endian 32-bit groups. */
function parseProcAddress(hex: string): string {
  const [addr = "", port = "0"] = hex.split(":");
  const p = parseInt(port, 16);
  const bytes: number[] = [];
  for (let w = 0; w < addr.length; w += 8)
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(addr.slice(w + b, w + b + 2), 16));
  if (bytes.length === 4) return `${bytes.join(".")}:${p}`;
  const mapped = bytes.slice(0, 10).every((x) => x === 0) && bytes[10] === 255 && bytes[11] === 255;
  if (mapped) return `${bytes.slice(12).join(".")}:${p}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `[${groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::")}]:${p}`;
}

async function established(): Promise<Conn[]> {
  const out: Conn[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = await readFile(file, "latin1");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // st 01 = ESTABLISHED; field 9 is the socket's inode.
      if (f.length < 10 || f[3] !== "01") continue;
      out.push({ local: parseProcAddress(f[1]!), remote: parseProcAddress(f[2]!), inode: f[9]! });
    }
  }
  return out;
}

async function ownSocketInodes(): Promise<Set<string>> {
  const own = new Set<string>();
  let fds: string[];
  try {
    fds = await readdir("/proc/self/fd");
  } catch {
    return own;
  }
  await Promise.all(
    fds.map(async (fd) => {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/self/fd/${fd}`));
        if (m) own.add(m[1]!);
      } catch {
        // closed while we looked
      }
    }),
  );
  return own;
}

const portOf = (hostPort: string) => Number(hostPort.slice(hostPort.lastIndexOf(":") + 1));

/** Remote "host:port" of outside peers, by local port (a connection from our own sockets is not). */
async function scan(): Promise<Map<number, Set<string>>> {
  const [conns, own] = await Promise.all([established(), ownSocketInodes()]);
  // The local ends of our own sockets: a connection coming from one of them is the playground's.
  const ours = new Set<string>();
  for (const c of conns) if (own.has(c.inode)) ours.add(c.local);
  const byPort = new Map<number, Set<string>>();
  for (const c of conns) {
    if (!own.has(c.inode) || ours.has(c.remote)) continue;
    const port = portOf(c.local);
    let set = byPort.get(port);
    if (!set) byPort.set(port, (set = new Set()));
    set.add(c.remote);
  }
  return byPort;
}

type Subscriber = (byPort: Map<number, Set<string>>) => void;

/** The process's one table: scans on request, coalesced, one at a time. */
class OutsideTable {
  private subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;
  private scanning = false;
  private again = false;
  private waiters: (() => void)[] = [];
  private lastScan = 0;
  /** Scans done (the connections bench reads it). */
  scans = 0;

  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  /** Resolves after a scan that started after this call (a refresh is asked for). */
  nextScan(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.refresh();
    });
  }

  /** Something changed (an accept, a disconnect): a scan soon answers every request so far. */
  refresh(): void {
    if (this.scanning) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastScan + COALESCE_MS - Date.now());
    this.timer = setTimeout(() => void this.run(), wait);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = null;
    this.scanning = true;
    const waiters = this.waiters.splice(0);
    try {
      const byPort = await scan();
      this.scans++;
      this.lastScan = Date.now();
      for (const s of this.subscribers) s(byPort);
    } catch {
      // /proc unreadable: no outside peers to show
    } finally {
      for (const w of waiters) w();
      this.scanning = false;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    }
  }
}

export const outsideTable = new OutsideTable();

/** Tracks the outside peers of one bound port; `onChange` hears who arrived and who left. */
export class OutsideWatch {
  known = new Set<string>();
  private off: () => void;

  constructor(
    readonly port: number,
    onChange: (arrived: string[], left: string[]) => void,
  ) {
    this.off = outsideTable.subscribe((byPort) => {
      const now = byPort.get(port) ?? new Set<string>();
      const arrived = [...now].filter((p) => !this.known.has(p));
      const left = [...this.known].filter((p) => !now.has(p));
      this.known = now;
      if (arrived.length || left.length) onChange(arrived, left);
    });
  }

  close(): void {
    this.off();
  }
}
