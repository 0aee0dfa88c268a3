/**
 * Where the page's time went: reads the `.cpuprofile` files written by `bench:ui --profile DIR`,
 * maps each frame of the minified web build back to its source through apps/web/dist's source
 * map, and prints self time per source function and inclusive time per apps/web/src function.
 *
 *   node --import tsx bench/ui/profile-top.ts [--dist DIR] /tmp/prof/page-on-0.cpuprofile [...]
 * (`--dist`: the build the profile ran, when it was not apps/web/dist: see run.ts --web-dist)
 */
import { readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const args = parseArgs({ options: { dist: { type: "string" } }, allowPositionals: true });
const ASSETS = join(resolve(args.values.dist ?? join(ROOT, "apps/web/dist")), "assets");
const maps = new Map<string, SourceMap | null>();

function mapFor(url: string): SourceMap | null {
  const file = url.split("/").pop() ?? "";
  if (!maps.has(file)) {
    try {
      const names = readdirSync(ASSETS);
      const found = names.includes(`${file}.map`) ? `${file}.map` : null;
      maps.set(
        file,
        found ? new SourceMap(JSON.parse(readFileSync(join(ASSETS, found), "utf8"))) : null,
      );
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file) ?? null;
}

/** `function source:line` for a frame, through the source map when it is the web bundle. */
function label(n: ProfileNode): { text: string; ours: boolean } {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  const map = url.includes("/assets/") ? mapFor(url) : null;
  const entry = map?.findEntry(lineNumber, columnNumber) as
    { originalSource?: string; originalLine?: number; name?: string } | undefined;
  if (entry?.originalSource) {
    const src = entry.originalSource.replace(
      /^.*?(node_modules\/\.pnpm\/[^/]+\/node_modules\/)/,
      "",
    );
    const ours = !src.includes("node_modules") && src.includes("src/");
    const short = src.replace(/^.*?apps\/web\//, "web/");
    // Minified names say nothing; the map's name is the original identifier at that position.
    return {
      text: `${entry.name ?? functionName ?? "(anonymous)"} ${short}:${(entry.originalLine ?? 0) + 1}`,
      ours,
    };
  }
  return {
    text: `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber + 1}`,
    ours: false,
  };
}

for (const file of args.positionals) {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const labels = new Map(p.nodes.map((n) => [n.id, label(n)]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const t = p.timeDeltas[i] ?? 0;
    total += t;
    const l = labels.get(id)!;
    selfBy.set(l.text, (selfBy.get(l.text) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = labels.get(cur)!;
      if (!c.ours || seen.has(c.text) || !byId.has(cur)) continue;
      seen.add(c.text);
      inclBy.set(c.text, (inclBy.get(c.text) ?? 0) + t);
    }
  });
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
  console.log(`# ${file}: ${(total / 1e6).toFixed(2)} s sampled\n## self time`);
  for (const [l, t] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(pct(t), l);
  console.log("## inclusive time, apps/web/src functions");
  for (const [l, t] of [...inclBy].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(pct(t), l);
}
