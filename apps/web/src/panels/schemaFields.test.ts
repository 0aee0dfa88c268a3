import { BEHAVIOURS } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { fieldsOf } from "./schemaFields.js";
import { blocks } from "./markdown.js";

describe("inspector form from the zod schema", () => {
  it("reads numbers (with bounds), strings, booleans and their defaults", () => {
    const f = fieldsOf(BEHAVIOURS.client.params);
    expect(f.find((x) => x.key === "intervalMs")).toMatchObject({
      kind: "number",
      def: 1000,
      min: 0,
      max: 3_600_000,
      int: true,
      help: "ms between sends; 0 sends only when you press Send now",
    });
    expect(f.find((x) => x.key === "payload")).toMatchObject({ kind: "string", def: "hello {n}" });
    expect(f.find((x) => x.key === "lazyPirate")).toMatchObject({ kind: "boolean", def: false });
  });

  it("reads enums and string arrays", () => {
    expect(fieldsOf(BEHAVIOURS.server.params).find((x) => x.key === "reply")).toMatchObject({
      kind: "enum",
      options: ["echo", "upper", "prefix", "fixed"],
      def: "prefix",
    });
    expect(fieldsOf(BEHAVIOURS.publisher.params).find((x) => x.key === "topics")).toMatchObject({
      kind: "strings",
      def: ["weather", "news"],
    });
  });

  it("covers every behaviour without throwing", () => {
    for (const b of Object.values(BEHAVIOURS)) expect(Array.isArray(fieldsOf(b.params))).toBe(true);
  });
});

describe("lesson markdown", () => {
  it("splits paragraphs, lists and headings", () => {
    const b = blocks("# Title\n\nOne line\ncontinued.\n\n- a\n- b\n\n1. x\n2. y");
    expect(b.map((x) => x.kind)).toEqual(["h", "p", "ul", "ol"]);
    expect(b[1]).toEqual({ kind: "p", text: "One line continued." });
  });
});
