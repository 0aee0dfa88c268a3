/** `zmqp run` and `zmqp validate` as child processes, on real sockets. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ERROR_CODES } from "@zmqp/protocol";
import { afterAll, describe, it } from "vitest";
import type { Summary } from "../src/cli/run.js";
import { helloGraph } from "./helpers.js";
import { REPO, killLeftovers, zmqp } from "./spawn.js";

const dir = mkdtempSync(join(tmpdir(), "zmqp-cli-"));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
};
const invalid = file("invalid.json", helloGraph(99999));
const noStack = (s: string) => /\n\s+at |Error:/.test(s);

// afterAll, not afterEach: the tests run side by side and must not kill each other's children.
afterAll(killLeftovers);

// Child processes spend most of their time starting up: run them side by side.
describe.concurrent("zmqp run", () => {
  it("runs 01-hello-world for 3 s: NDJSON events, then one summary where the client got replies", async ({
    expect,
  }) => {
    const r = await zmqp(["run", "scenarios/01-hello-world.json", "--duration", "3", "--json"])
      .done;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string });
    const summary = lines.at(-1) as Summary;
    expect(summary.type).toBe("summary");
    expect(lines.filter((l) => l.type === "summary")).toHaveLength(1);
    expect(summary.nodes.client?.received).toBeGreaterThanOrEqual(2);
    expect(summary.nodes.server?.received).toBeGreaterThanOrEqual(2);
    expect(summary.nodes.client?.errors).toEqual([]);
    expect(Object.values(summary.links)[0]?.forward).toBeGreaterThanOrEqual(2);
    expect(summary.durationMs).toBeGreaterThanOrEqual(2900);
    expect(lines.some((l) => l.type === "message")).toBe(true);
  });

  it("13 with the worker paused: the summary carries the link's messages in flight and the blocked ventilator", async ({
    expect,
  }) => {
    // 13 without its resume steps: the worker stays paused, so the run ends with the pipe full.
    const doc = JSON.parse(readFileSync(join(REPO, "scenarios", "13-slow-consumer.json"), "utf8"));
    doc.timeline = doc.timeline.slice(0, 1);
    const p = zmqp(["run", file("13-paused.json", doc)]);
    const start = Date.now();
    while (!/pipe blocked/.test(p.stdout()) && Date.now() - start < 25_000)
      await new Promise((r) => setTimeout(r, 50));
    p.child.kill("SIGINT");
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ventilator\.push pipe blocked: blocked: the pipe to worker is full/);
    const summary = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Summary;
    expect(summary.pipes["ventilator.push"]).toMatchObject({ state: "blocked", blocked: 1 });
    // A send that waited past the 2 s send timeout says so instead (a slow machine).
    expect(summary.pipes["ventilator.push"]?.reason).toMatch(/high-water marks 5 \+ 5|timed out/);
    expect(summary.inFlight["vent-worker"]?.backward).toBeGreaterThanOrEqual(5);
    expect(summary.inFlight["worker-sink"]?.forward).toBe(0);
  });

  it("prints a readable log without --json and stops cleanly on SIGINT", async ({ expect }) => {
    const p = zmqp(["run", file("fast.json", helloGraph(0, 50))]);
    const start = Date.now();
    while (!/<- reply/.test(p.stdout()) && Date.now() - start < 25_000)
      await new Promise((r) => setTimeout(r, 50));
    p.child.kill("SIGINT");
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/client\.req -> request: "Hello \d+"/);
    expect(r.stdout).toMatch(/client\.req <- reply via l1: "World"/);
    const summary = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Summary;
    expect(summary.type).toBe("summary");
    expect(summary.nodes.client?.received).toBeGreaterThan(0);
  });

  it("a server that cannot bind is named in the summary with its error code", async ({
    expect,
  }) => {
    // 03's two servers bind one address; moved off 5555, which the hello-world run uses meanwhile.
    const text = readFileSync(
      join(REPO, "scenarios", "03-n-clients-m-servers-failed.json"),
      "utf8",
    );
    const f = file("03.json", text.replaceAll(":5555", ":5657"));
    const r = await zmqp(["run", f, "--duration", "2", "--json"]).done;
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Summary;
    const failed = Object.entries(summary.nodes).filter(([, n]) => n.errors.length > 0);
    expect(failed).toHaveLength(1);
    expect(failed[0]![1].errors).toContain(ERROR_CODES.ADDRESS_IN_USE);
    const served = summary.nodes["client-1"]!.received + summary.nodes["client-2"]!.received;
    expect(served).toBeGreaterThan(0);
  });

  it("an invalid file exits 2 with each diagnostic's code, place and reason", async ({
    expect,
  }) => {
    const r = await zmqp(["run", invalid]).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error ZMQP_ERR_BAD_PORT at server\.rep: .*99999/);
    expect(noStack(r.stderr)).toBe(false);
    const j = await zmqp(["run", invalid, "--json"]).done;
    expect(j.code).toBe(2);
    const d = JSON.parse(j.stdout.trim().split("\n")[0]!);
    expect(d).toMatchObject({ type: "diagnostic", code: ERROR_CODES.BAD_PORT, node: "server" });
  });

  it("a missing file, bad JSON or bad flag is one clear line, exit 2, no stack trace", async ({
    expect,
  }) => {
    const cases: [string[], RegExp][] = [
      [["run", join(dir, "nope.json")], /^zmqp: cannot read .*nope\.json: no such file\n$/],
      [["run", file("bad.json", "{oops")], /^zmqp: .*bad\.json is not valid JSON: /],
      [["run", invalid, "--duration", "soon"], /^zmqp: --duration must be a number/],
      [["validate"], /^zmqp: zmqp validate needs one FILE/],
      [["frobnicate"], /^zmqp: unknown command "frobnicate"/],
    ];
    const results = await Promise.all(cases.map(([args]) => zmqp(args).done));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(" ")).toBe(2);
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(noStack(r.stderr)).toBe(false);
    });
  });
});

describe.concurrent("zmqp validate", () => {
  it("exits 0 on a valid file and 2 with the codes on an invalid one", async ({ expect }) => {
    const [ok, bad, ext, extOk] = await Promise.all([
      zmqp(["validate", "scenarios/01-hello-world.json"]).done,
      zmqp(["validate", invalid]).done,
      zmqp([
        "validate",
        file(
          "ext.json",
          helloGraph(0).nodes && {
            ...helloGraph(5555),
            nodes: helloGraph(5555).nodes.map((n) =>
              n.id === "server"
                ? { ...n, sockets: [{ id: "rep", type: "REP", bind: ["tcp://0.0.0.0:5555"] }] }
                : n,
            ),
          },
        ),
      ]).done,
      zmqp(["validate", join(dir, "ext.json"), "--allow-external"]).done,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(ERROR_CODES.BAD_PORT);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toContain(ERROR_CODES.EXTERNAL_BIND);
    expect(extOk.code).toBe(0);
  });
});
