/** Seeded generators of random and mutated JSON, for the fuzz tests (reproducible by seed). */

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  "version",
  "nodes",
  "links",
  "timeline",
  "id",
  "role",
  "sockets",
  "type",
  "bind",
  "params",
  "from",
  "to",
  "node",
  "socket",
  "endpoint",
  "action",
  "atMs",
  "payload",
  "intervalMs",
  "__proto__",
  "constructor",
  "prototype",
  "doc",
  "protocol",
  "factor",
  "link",
  "x",
  "",
];
const STRINGS = [
  "",
  "client",
  "server",
  "REQ",
  "REP",
  "PUB",
  "tcp://127.0.0.1:5555",
  "tcp://0.0.0.0:1",
  "tcp://127.0.0.1:0",
  "tcp://127.0.0.1:70000",
  "ipc://../x",
  "ipc:///etc/passwd",
  "inproc://a",
  "udp://x",
  "hello",
  "deploy",
  "ping",
  "node",
  "kill",
  "\u0000",
  "💥",
  "a".repeat(300),
  "x".repeat(70_000),
  "../../etc",
  "constructor",
];

export function randomValue(r: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const k = r();
  if (depth > 4 || k < 0.3) {
    const n = r();
    if (n < 0.2) return pick(STRINGS);
    if (n < 0.4) return Math.floor(r() * 200_000) - 100_000;
    if (n < 0.5) return pick([0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER]);
    if (n < 0.6) return r() < 0.5;
    if (n < 0.7) return null;
    return pick(STRINGS);
  }
  if (k < 0.6) return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) {
    // defineProperty so `__proto__` becomes an own key, as JSON.parse would make it
    Object.defineProperty(o, pick(KEYS), {
      value: randomValue(r, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return o;
}

/** Changes one random place in a copy of `value`: delete, replace, retype, duplicate. */
export function mutate(value: unknown, r: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(copy, []);
  const path = paths[Math.floor(r() * paths.length)]!;
  if (path.length === 0) return randomValue(r);
  let parent = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const op = r();
  if (op < 0.25) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op < 0.6) parent[last] = randomValue(r);
  else if (op < 0.8) {
    const key = KEYS[Math.floor(r() * KEYS.length)]!;
    const target = parent[last];
    if (target && typeof target === "object" && !Array.isArray(target))
      Object.defineProperty(target, key, {
        value: randomValue(r),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else parent[last] = randomValue(r);
  } else if (Array.isArray(parent))
    parent.push(JSON.parse(JSON.stringify(parent[Number(last)] ?? null)));
  else parent[last] = typeof parent[last] === "string" ? 12345 : "x";
  return copy;
}
