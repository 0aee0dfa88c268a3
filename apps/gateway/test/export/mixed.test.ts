/**
 * Half exported, half on the canvas: template 04's broker and one worker run as exported Python
 * programs; the engine runs the rest from the export's playground.json, where those two are
 * external peers. They talk over the graph's own addresses; the engine counts the programs'
 * messages as coming from outside, and the exported broker names the engine's clients.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createRuntime } from "@zmqp/engine";
import { parseGraph } from "@zmqp/protocol";
import { afterAll, expect, it } from "vitest";
import {
  killLeft,
  LAUNCHER,
  pythonUnavailable,
  template,
  writeExport,
  type LauncherRun,
} from "./harness.js";

const noPython = pythonUnavailable();
if (noPython) throw new Error(`this test runs pyzmq programs: ${noPython}`);
afterAll(killLeft);

const until = async (cond: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

it("04 with the broker and worker-2 exported: the canvas's clients are served through the program", async () => {
  const dir = writeExport(template("04-broker"), {
    language: "python",
    nodes: ["broker", "worker-2"],
  });
  const canvas = JSON.parse(readFileSync(path.join(dir, "playground.json"), "utf8")) as unknown;

  // The programs first (the launcher's own clock ends them), in this namespace: the engine must reach them.
  const [cmd, ...args] = LAUNCHER.python(dir);
  const child = spawn(cmd!, [...args, "--duration", "6"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on("line", (l) => lines.push(l));
  const ended = new Promise<number | null>((r) => child.on("close", r));
  await until(
    () => lines.some((l) => l.startsWith("worker-2 | worker-2: ready")),
    15_000,
    "the exported programs",
  );

  const rt = createRuntime();
  // The canvas document the export wrote must pass the gateway's checks, as a page's would.
  const parsed = parseGraph(canvas);
  expect(parsed.ok, JSON.stringify(parsed.diagnostics)).toBe(true);
  const deployed = await rt.deploy(parsed.doc!);
  expect(deployed.ok).toBe(true);
  await new Promise((r) => setTimeout(r, 3000));
  const engine = rt.counters().nodes;
  await rt.close();
  expect(await ended).toBe(0);
  const summary = JSON.parse(lines.at(-1)!) as LauncherRun["summary"];
  const broker = summary.nodes.broker!;

  for (const id of ["client-1", "client-2"]) {
    const client = engine[id]!;
    expect(client.received, id).toBeGreaterThanOrEqual(4);
    // Every reply came through the exported broker: from outside, as the canvas sees it.
    expect(client.peers.external?.received, id).toBe(client.received);
    // The exported broker knows the canvas's clients by the routing ids the engine gave them.
    expect(broker.peers![id]!.received, id).toBeGreaterThanOrEqual(client.sent);
  }
  // Both workers share the requests: one on the canvas, one a program.
  const onCanvas = engine["worker-1"]!;
  expect(onCanvas.received).toBeGreaterThan(0);
  expect(onCanvas.peers.external?.received).toBe(onCanvas.received);
  expect(summary.nodes["worker-2"]!.received).toBeGreaterThan(0);
  // Nothing else was started by the launcher.
  expect(Object.keys(summary.nodes).sort()).toEqual(["broker", "worker-2"]);
});
