import { describe, expect, it } from "vitest";
import { narrowToLoopback, parseGraph, validateGraph, ERROR_CODES } from "./index.js";

// Vite inlines the templates at transform time (ImportMeta.glob is declared in scenarios.test.ts).
const files = import.meta.glob("../../../scenarios/*.json", { eager: true, import: "default" });

const load = (name: string) => {
  const raw = files[`../../../scenarios/${name}`];
  const parsed = parseGraph(raw, { allowExternal: true });
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.doc;
};

describe("the loopback-narrowed run", () => {
  it("06: the server's tcp://*:5555 becomes 127.0.0.1, the document itself is untouched", () => {
    const doc = load("06-cross-machine.json");
    const before = JSON.stringify(doc);
    const { doc: narrowed, nodes } = narrowToLoopback(doc);
    expect(nodes).toEqual({ server: [{ from: "tcp://*:5555", to: "tcp://127.0.0.1:5555" }] });
    expect(JSON.stringify(doc)).toBe(before);
    const codes = validateGraph(narrowed).map((d) => d.code);
    expect(codes).not.toContain(ERROR_CODES.EXTERNAL_BIND);
    expect(validateGraph(doc).map((d) => d.code)).toContain(ERROR_CODES.EXTERNAL_BIND);
  });

  it("07: every external bind of the broker is narrowed, so the graph passes without the opt-in", () => {
    const doc = load("07-cross-machine-broker.json");
    const { doc: narrowed, nodes } = narrowToLoopback(doc);
    expect(Object.keys(nodes).length).toBeGreaterThan(0);
    expect(validateGraph(narrowed).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("a loopback-only document comes back as the same object", () => {
    const doc = load("01-hello-world.json");
    expect(narrowToLoopback(doc).doc).toBe(doc);
  });
});
