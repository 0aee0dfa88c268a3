/**
 * Every template in `scenarios/` is a valid graph document and follows the template conventions,
 * so the canvas, the CLI and the engine tests can load any of them as they are.
 */
import { describe, expect, it } from "vitest";
import { DOC_LOCALES, localized, parseEndpoint, parseGraph, type GraphDoc } from "./index.js";

// Vite inlines the files at transform time, so this package stays free of I/O imports.
declare global {
  interface ImportMeta {
    glob(
      pattern: string,
      options: { eager: true; import: "default" },
    ): Record<string, Record<string, unknown>>;
  }
}
const files = import.meta.glob("../../../scenarios/*.json", { eager: true, import: "default" });
const templates = Object.entries(files).map(([path, raw]) => ({
  file: path
    .split("/")
    .at(-1)!
    .replace(/\.json$/, ""),
  raw,
}));

/** The seed's experiments (issue 4); 05-07 are the wire-level and cross-machine templates. */
const SEED_TEMPLATES = [
  "01-hello-world",
  "01b-client-first",
  "01c-server-crash",
  "02-n-clients-1-server",
  "03-n-clients-m-servers-failed",
  "04-broker",
  "08-pub-sub",
  "09-pipeline",
  "10-transports",
  "11-high-water-mark",
];

/** The ports of the ZeroMQ guide's examples, so its programs can join a running template. */
const GUIDE_PORTS = new Set([5555, 5556, 5557, 5558, 5559, 5560]);
const isTemplatePort = (port: number) => GUIDE_PORTS.has(port) || (port >= 5570 && port <= 5599);

function tcpPorts(doc: GraphDoc): number[] {
  const ports: number[] = [];
  for (const node of doc.nodes)
    for (const socket of node.sockets)
      for (const bind of socket.bind) {
        const p = parseEndpoint(bind);
        if (p.ok && p.endpoint.transport === "tcp") ports.push(p.endpoint.port);
      }
  return ports;
}

describe("scenarios/*.json", () => {
  it("finds the seed's templates", () => {
    const names = templates.map((t) => t.file);
    for (const n of SEED_TEMPLATES) expect(names).toContain(n);
  });

  describe.each(templates)("$file", ({ file, raw }) => {
    // 06 and 07 bind every interface on purpose; they are valid with the gateway's opt-in.
    const allowExternal = /^0[67]-/.test(file);
    const parsed = parseGraph(raw, { allowExternal });

    it("parses with no error diagnostics", () => {
      expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(parsed.ok).toBe(true);
    });

    it("names itself after its file and carries a title, a one-line description and a lesson in both languages", () => {
      const doc = parsed.doc!;
      expect(doc.version).toBe(1);
      expect(doc.name).toBe(file);
      for (const locale of DOC_LOCALES) {
        const title = typeof doc.title === "object" ? doc.title[locale] : undefined;
        const description = typeof doc.description === "object" ? doc.description[locale] : "";
        expect(title, locale).toMatch(new RegExp(`^${file.split("-")[0]} · `));
        expect(description, locale).toMatch(/^[^\n]{10,}$/);
      }
      expect(localized(doc.title, "zh-TW")).toMatch(/[\u4e00-\u9fff]/);
      expect(doc.lesson?.en?.length).toBeGreaterThan(200);
      const han = doc.lesson?.["zh-TW"]?.match(/[\u4e00-\u9fff]/g) ?? [];
      expect(han.length).toBeGreaterThan(100);
    });

    it("places every node, none on top of another", () => {
      // A node on the canvas is 240 px wide and about 130 px high (155 with two sockets); the
      // browser test measures the real boxes.
      const nodes = parsed.doc!.nodes;
      for (const n of nodes) expect(n.position, n.id).toBeDefined();
      for (const a of nodes)
        for (const b of nodes) {
          if (a === b) continue;
          const dx = Math.abs(a.position!.x - b.position!.x);
          const dy = Math.abs(a.position!.y - b.position!.y);
          expect(dx >= 260 || dy >= 140, `${a.id} overlaps ${b.id}`).toBe(true);
        }
    });

    it("uses the guide's ports or 5570-5599, and narrates every timeline step", () => {
      const doc = parsed.doc!;
      for (const port of tcpPorts(doc)) expect(isTemplatePort(port), String(port)).toBe(true);
      for (const step of doc.timeline)
        for (const locale of DOC_LOCALES)
          expect(
            typeof step.note === "object" && step.note[locale],
            `${step.action} at ${step.atMs} (${locale})`,
          ).toBeTruthy();
      const times = doc.timeline.map((s) => s.atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  });
});
