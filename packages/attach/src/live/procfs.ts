/**
 * Who owns a local TCP connection, from /proc: the kernel's socket tables (/proc/net/tcp{,6}) give
 * the socket inode of each end, and the process holding that inode has a `socket:[inode]` link in
 * /proc/PID/fd. All of it asynchronous and shared: lookups that arrive together share one read of
 * the tables and one pass over /proc, processes that owned a socket before are tried first, and a
 * full pass runs only for inodes still unknown. Never a synchronous scan per packet.
 */
import { readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import type { ObservedProcess } from "@zmqp/protocol";
import type { Endpoint } from "../tcp/tracker.js";

interface TableRow {
  local: string;
  remote: string;
  inode: number;
}

/** `0100007F:15B3` (IPv4, host byte order) or 32 hex digits (IPv6, four host-order words). */
function parseProcAddress(hex: string): string | null {
  const [addr, port] = hex.split(":");
  if (!addr || !port) return null;
  const p = parseInt(port, 16);
  const le = (h: string) =>
    h
      .match(/../g)!
      .reverse()
      .map((b) => parseInt(b, 16));
  if (addr.length === 8) return `${le(addr).join(".")}|${p}`;
  if (addr.length !== 32) return null;
  const bytes = [0, 8, 16, 24].flatMap((i) => le(addr.slice(i, i + 8)));
  // An IPv4 peer of a dual-stack socket shows as ::ffff:a.b.c.d; the capture sees a.b.c.d.
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
  if (mapped) return `${bytes.slice(12).join(".")}|${p}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${compress(groups)}|${p}`;
}

function compress(groups: string[]): string {
  const text = groups.join(":");
  const runs = text.match(/(^|:)0(:0)+(:|$)/g);
  if (!runs) return text;
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
  return text.replace(longest, "::");
}

function parseTable(text: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const line of text.split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10) continue;
    const local = parseProcAddress(cols[1]!);
    const remote = parseProcAddress(cols[2]!);
    const inode = Number(cols[9]);
    if (local && remote && inode > 0) rows.push({ local, remote, inode });
  }
  return rows;
}

const key = (e: Endpoint) => `${e.ip}|${e.port}`;

export class ProcResolver {
  private tables: Promise<TableRow[]> | null = null;
  private scan: Promise<void> | null = null;
  private wanted = new Set<number>();
  private owners = new Map<number, ObservedProcess | null>();
  /** Pids that owned a socket before: tried first (a broker accepts many connections). */
  private recent: number[] = [];

  constructor(private readonly root = "/proc") {}

  /** The process at the `local` end of the connection local↔remote, or null when not found. */
  async owner(local: Endpoint, remote: Endpoint): Promise<ObservedProcess | null> {
    const find = (rows: TableRow[]) =>
      rows.find((r) => r.local === key(local) && r.remote === key(remote));
    // A shared read may have started before this connection existed: read once more, fresh.
    const row = find(await this.readTables()) ?? find(await this.readTables(true));
    if (!row) return null;
    if (this.owners.has(row.inode)) return this.owners.get(row.inode) ?? null;
    this.wanted.add(row.inode);
    await this.findOwners();
    return this.owners.get(row.inode) ?? null;
  }

  /** One read of both tables shared by every lookup that arrives meanwhile. */
  private readTables(fresh = false): Promise<TableRow[]> {
    if (fresh) this.tables = null;
    this.tables ??= Promise.all(
      ["tcp", "tcp6"].map((f) => readFile(join(this.root, "net", f), "utf8").catch(() => "")),
    )
      .then((texts) => texts.flatMap(parseTable))
      .finally(() => setImmediate(() => (this.tables = null)));
    return this.tables!;
  }

  private async findOwners(): Promise<void> {
    // A pass in progress may not cover inodes wanted after it started: wait, then go again.
    while (this.scan) await this.scan;
    if (this.wanted.size === 0) return;
    this.scan = this.pass().finally(() => (this.scan = null));
    await this.scan;
  }

  private async pass(): Promise<void> {
    const wanted = new Set(this.wanted);
    this.wanted.clear();
    const found = async (pid: number) => {
      for (const inode of await this.socketInodes(pid)) {
        if (!wanted.delete(inode)) continue;
        this.owners.set(inode, await this.process(pid));
        this.recent = [pid, ...this.recent.filter((p) => p !== pid)].slice(0, 32);
      }
    };
    for (const pid of this.recent) {
      if (wanted.size === 0) return;
      await found(pid);
    }
    const pids = (await readdir(this.root).catch(() => [] as string[]))
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
    for (const pid of pids) {
      if (wanted.size === 0) break;
      if (!this.recent.includes(pid)) await found(pid);
    }
    for (const inode of wanted) this.owners.set(inode, null);
    if (this.owners.size > 10_000) this.owners.clear();
  }

  private async socketInodes(pid: number): Promise<number[]> {
    const dir = join(this.root, String(pid), "fd");
    const fds = await readdir(dir).catch(() => [] as string[]);
    const links = await Promise.all(fds.map((fd) => readlink(join(dir, fd)).catch(() => "")));
    const out: number[] = [];
    for (const l of links) {
      const m = /^socket:\[(\d+)\]$/.exec(l);
      if (m) out.push(Number(m[1]));
    }
    return out;
  }

  private async process(pid: number): Promise<ObservedProcess> {
    const raw = await readFile(join(this.root, String(pid), "cmdline"), "utf8").catch(() => "");
    const command = raw.split("\0").filter(Boolean).join(" ").slice(0, 256) || `pid ${pid}`;
    return { pid, command };
  }
}
