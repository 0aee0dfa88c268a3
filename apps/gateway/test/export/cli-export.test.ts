/**
 * `zmqp export` as a user runs it; and every file it can write parses: Python's own compiler and
 * `node --check` over the export of every template and of the every-behaviour graph.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EXPORT_LANGUAGES } from "@zmqp/export";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, killLeftovers, zmqp } from "../spawn.js";
import { PYTHON, pythonUnavailable, writeExport } from "./harness.js";

afterAll(killLeftovers);
const noPython = pythonUnavailable();
if (noPython) throw new Error(`these tests compile Python: ${noPython}`);

const fresh = () => mkdtempSync(path.join(tmpdir(), "zmqp-cli-export-"));
const noStack = (s: string) => !/\n\s+at |Error:/.test(s);

describe.concurrent("zmqp export", () => {
  it("writes the 04 broker as Python programs with a compose file, and says how to run them", async ({
    expect,
  }) => {
    const out = path.join(fresh(), "broker");
    const r = await zmqp([
      "export",
      "scenarios/04-broker.json",
      "--lang",
      "python",
      "--out",
      out,
      "--compose",
    ]).done;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote 12 files to .*broker\nrun them: cd .*broker && pip install -r requirements.txt && python3 run_all.py\n$/,
    );
    for (const f of [
      "run_all.py",
      "nodes/broker.py",
      "nodes/client-1.py",
      "compose.yaml",
      "Dockerfile",
      "README.md",
    ])
      expect(existsSync(path.join(out, f)), f).toBe(true);
  });

  it("exports some nodes only, beside a playground.json for the rest", async ({ expect }) => {
    const out = path.join(fresh(), "half");
    const r = await zmqp([
      "export",
      "scenarios/04-broker.json",
      "--lang",
      "node",
      "--out",
      out,
      "--nodes",
      "broker,worker-2",
    ]).done;
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(out, "nodes")).sort()).toEqual(["broker.mjs", "worker-2.mjs"]);
    expect(JSON.parse(readFileSync(path.join(out, "playground.json"), "utf8")).nodes[0].role).toBe(
      "client",
    );
  });

  it("refuses a folder that holds files, a missing --lang and an unknown node, in one line each", async ({
    expect,
  }) => {
    const full = fresh();
    writeFileSync(path.join(full, "mine.txt"), "keep me");
    const cases: [string[], RegExp][] = [
      [["--lang", "python", "--out", full], /is not empty: choose a new folder, or add --force/],
      [["--lang", "ruby", "--out", fresh()], /--lang must be python or node, got "ruby"/],
      [["--lang", "node"], /--out DIR is needed/],
      [["--lang", "node", "--out", fresh(), "--nodes", "ghost"], /no node "ghost" in this graph/],
    ];
    for (const [args, message] of cases) {
      const r = await zmqp(["export", "scenarios/01-hello-world.json", ...args]).done;
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(noStack(r.stderr)).toBe(true);
    }
    expect(readFileSync(path.join(full, "mine.txt"), "utf8")).toBe("keep me");
  });

  it("refuses an invalid graph with its diagnostics", async ({ expect }) => {
    const file = path.join(fresh(), "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        nodes: [
          {
            id: "x",
            role: "server",
            sockets: [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:99999"] }],
          },
        ],
      }),
    );
    const r = await zmqp(["export", file, "--lang", "python", "--out", fresh()]).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error ZMQP_ERR_BAD_PORT at x.rep: .*99999/);
  });
});

describe("every exported file parses", () => {
  const graphs = [
    // The templates only: scenarios/ also holds their recordings (scenarios/recordings/).
    ...readdirSync(path.join(REPO, "scenarios"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => path.join(REPO, "scenarios", f)),
    path.join(REPO, "packages/export/fixtures/every-behaviour.json"),
  ];
  for (const language of EXPORT_LANGUAGES)
    it(`${language}: every template's programs and launcher`, () => {
      const files: string[] = [];
      for (const g of graphs) {
        const dir = writeExport(JSON.parse(readFileSync(g, "utf8")), { language });
        for (const f of ["run_all.py", "run-all.mjs"])
          if (existsSync(path.join(dir, f))) files.push(path.join(dir, f));
        for (const f of readdirSync(path.join(dir, "nodes")))
          files.push(path.join(dir, "nodes", f));
      }
      expect(files.length).toBeGreaterThan(40);
      if (language === "python") {
        const r = spawnSync(
          PYTHON,
          ["-c", "import sys\nfor f in sys.argv[1:]: compile(open(f).read(), f, 'exec')", ...files],
          { encoding: "utf8" },
        );
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
      } else
        for (const f of files) {
          const r = spawnSync(process.execPath, ["--check", f], { encoding: "utf8" });
          expect(r.stderr, f).toBe("");
        }
    });
});
