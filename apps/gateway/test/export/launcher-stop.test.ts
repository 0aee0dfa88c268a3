/**
 * A program that does not stop when asked: each launcher kills it after its grace, says so on
 * stderr and marks its counters lost in the summary, so a run without them never reads as a clean
 * one. The exported server is replaced by one that ignores Ctrl-C; the client is the real export.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killLeft, pythonUnavailable, runLauncher, template, writeExport } from "./harness.js";

const noPython = pythonUnavailable();
if (noPython) throw new Error(`these tests run pyzmq programs: ${noPython}`);
afterAll(killLeft);

/** Says it is ready (the launcher waits for that line), then ignores SIGINT and SIGTERM. */
const STUBBORN = {
  python: {
    file: "nodes/server.py",
    text: [
      "import signal, time",
      "signal.signal(signal.SIGINT, signal.SIG_IGN)",
      "signal.signal(signal.SIGTERM, signal.SIG_IGN)",
      'print("server: ready", flush=True)',
      "time.sleep(120)",
    ].join("\n"),
  },
  node: {
    file: "nodes/server.mjs",
    text: [
      'process.on("SIGINT", () => {});',
      'process.on("SIGTERM", () => {});',
      'console.log("server: ready");',
      "setTimeout(() => {}, 120_000);",
    ].join("\n"),
  },
} as const;

describe("a program that ignores Ctrl-C", () => {
  for (const language of ["python", "node"] as const)
    it(`${language}: is killed after the grace, said on stderr, its counters marked lost`, async () => {
      const dir = writeExport(template("01-hello-world"), { language });
      const { file, text } = STUBBORN[language];
      writeFileSync(path.join(dir, file), text + "\n");
      const run = await runLauncher(dir, language, 1);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        "server did not stop within 10 s: killed, its counters are lost",
      );
      expect(run.summary.nodes.server).toMatchObject({ runs: 0, lost: true });
      // The client stopped when asked: its counters are there, and not marked lost.
      expect(run.summary.nodes.client?.runs).toBe(1);
      expect(run.summary.nodes.client?.lost).toBeUndefined();
    }, 40_000);
});
