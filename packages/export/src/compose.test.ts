/**
 * compose.yaml against the Compose Specification's JSON schema, for every template and both
 * languages. The schema is the one dclint (a maintained Compose linter) ships; ajv validates.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import every from "../fixtures/every-behaviour.json";
import { EXPORT_LANGUAGES, exportGraph } from "./index.js";
import { toYaml } from "./yaml.js";

// dclint's package exports hide its schemas folder; the file sits beside its package.json.
// (A plain `require.resolve`, so knip sees the package is used.)
const require = createRequire(import.meta.url);
const dclint = path.dirname(require.resolve("dclint/package.json"));
const { $schema: draft, ...schema } = JSON.parse(
  readFileSync(path.join(dclint, "schemas/compose.schema.json"), "utf8"),
) as Record<string, unknown>;
// It is draft-07 (named by its https URL, which ajv does not know, hence left out) with a few
// keywords of its own (strict: false), and union types (allowUnionTypes), as dclint runs it.
const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

const SCENARIOS = new URL("../../../scenarios/", import.meta.url);
const graphs: [string, unknown][] = [
  ...readdirSync(SCENARIOS)
    .filter((f) => f.endsWith(".json"))
    .map((f): [string, unknown] => [
      f.replace(/\.json$/, ""),
      JSON.parse(readFileSync(new URL(f, SCENARIOS), "utf8")),
    ]),
  ["every-behaviour", every],
];

function compose(raw: unknown, language: "python" | "node") {
  const r = exportGraph(raw, { language, compose: true });
  if (!r.ok) throw new Error(r.reason);
  return { text: r.files["compose.yaml"]!, files: r.files };
}

describe("compose.yaml", () => {
  it("is checked against the Compose Specification's draft-07 schema", () => {
    expect(draft).toMatch(/draft-07/);
    expect(schema.title).toBe("Compose Specification");
  });

  it("rejects what the schema forbids (the validator is really checking)", () => {
    expect(validate({ services: { a: { image: "x", nonsense: true } } })).toBe(false);
    expect(validate({ services: { a: { image: "x" } } })).toBe(true);
  });

  for (const [name, raw] of graphs)
    for (const language of EXPORT_LANGUAGES)
      it(`${name} (${language}) is valid against the Compose Specification schema`, () => {
        const { text, files } = compose(raw, language);
        const doc = parse(text) as { services: Record<string, Record<string, unknown>> };
        const ok = validate(doc);
        expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        expect(files.Dockerfile).toMatch(language === "python" ? /^FROM python:/m : /^FROM node:/m);
        for (const s of Object.values(doc.services)) {
          const program = (s.command as string[])[1]!;
          expect(files[program], program).toBeTruthy();
        }
      });

  it("binds every interface inside the containers and dials peers by service name", () => {
    const doc = parse(
      compose(JSON.parse(readFileSync(new URL("04-broker.json", SCENARIOS), "utf8")), "python")
        .text,
    );
    expect(doc.services.broker.environment).toEqual({
      ZMQP_BIND_FRONTEND: "tcp://*:5559",
      ZMQP_BIND_BACKEND: "tcp://*:5560",
    });
    expect(doc.services.broker.expose).toEqual(["5559", "5560"]);
    expect(doc.services["client-1"].environment).toEqual({
      ZMQP_CONNECT_REQ: "tcp://broker:5559",
    });
    expect(doc.services["worker-2"].command).toEqual(["python", "nodes/worker-2.py"]);
    expect(doc.services.broker.stop_signal).toBe("SIGINT");
    expect(doc.services.broker.ports).toBeUndefined(); // nothing published on the host
  });

  it("turns ipc and inproc into tcp between containers, and profiles what starts later", () => {
    const t10 = parse(
      compose(JSON.parse(readFileSync(new URL("10-transports.json", SCENARIOS), "utf8")), "node")
        .text,
    );
    expect(t10.services["server-ipc"].environment.ZMQP_BIND_REP).toMatch(/^tcp:\/\/\*:56\d\d$/);
    expect(t10.services["client-ipc"].environment.ZMQP_CONNECT_REQ).toMatch(
      /^tcp:\/\/server-ipc:56\d\d$/,
    );
    const t08 = parse(
      compose(JSON.parse(readFileSync(new URL("08-pub-sub.json", SCENARIOS), "utf8")), "node").text,
    );
    expect(t08.services["sub-news"].profiles).toEqual(["later"]);
    const e = parse(compose(every, "python").text);
    expect(e.services.outside.profiles).toEqual(["external"]);
    expect(e.services.outside.environment).toEqual({ ZMQP_CONNECT_PEER: "tcp://broker:5651" });
  });

  it("the README says how to run it on Docker Compose and Kubernetes, and what binding all interfaces exposes", () => {
    const readme = compose(every, "node").files["README.md"]!;
    expect(readme).toContain("docker compose up --build");
    expect(readme).toContain("kompose convert -f compose.yaml");
    expect(readme).toMatch(/What binding all interfaces exposes/);
    expect(readme).toMatch(/no authentication or encryption/);
  });
});

describe("toYaml", () => {
  it("writes what a YAML parser reads back as the same data", () => {
    const data = {
      name: "x",
      services: {
        "a.b": { command: ["node", "x.mjs"], environment: { K: 'a "quoted" \\ value\n' } },
        yes: { expose: ["1", "2"], init: true, n: 3, empty: [] as string[] },
      },
    };
    expect(parse(toYaml(data, ["a comment", ""]))).toEqual(data);
  });
});
