/**
 * The code the inspector offers to copy really works: the pyzmq and zeromq.js snippets from
 * `connectSnippets` are run as they are, against templates 06 and 07 deployed by the engine.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { connectSnippets, parseGraph, type GraphDoc, type SnippetLanguage } from "@zmqp/protocol";
import { createRuntime } from "../runtime.js";
import type { Runtime } from "../api.js";
import { PYTHON, pythonUnavailable } from "./harness.js";
import { Recorder, template, withoutAutostart } from "./events.js";

const noPython = pythonUnavailable();
// The Node snippet imports "zeromq": run it where this package's dependencies resolve.
const ENGINE_DIR = fileURLToPath(new URL("../../", import.meta.url));

let rt: Runtime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

function runCode(language: SnippetLanguage, code: string) {
  const [cmd, args] =
    language === "python"
      ? [PYTHON, ["-"]]
      : [process.execPath, ["--input-type=module", "-e", code]];
  const child = spawn(cmd, args, { cwd: ENGINE_DIR });
  if (language === "python") child.stdin.end(code);
  else child.stdin.end();
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("close", (c) => resolve({ code: c, out })),
  );
}

async function deploy(name: string, stopped: string[]): Promise<{ doc: GraphDoc; rec: Recorder }> {
  const raw = withoutAutostart(template(name), stopped);
  rt = createRuntime({ allowExternal: true });
  const rec = new Recorder(rt);
  expect((await rt.deploy(raw)).ok).toBe(true);
  return { doc: parseGraph(raw, { allowExternal: true }).doc!, rec };
}

describe("copyable snippets, run as they are", () => {
  it.skipIf(noPython !== null)("the pyzmq snippet for the 06 server gets its replies", async () => {
    const { doc, rec } = await deploy("06-cross-machine", ["client"]);
    const s = connectSnippets(doc, "server", "rep", { count: 3 });
    if (!s.ok) throw new Error(s.reason);
    const r = await runCode("python", s.snippets.find((x) => x.language === "python")!.code);
    expect(r.code, r.out).toBe(0);
    expect(r.out.match(/^reply: \[b'world from 06: hello from python \d'\]$/gm)).toHaveLength(3);
    expect(rec.messages("server", "in").filter((m) => m.external)).toHaveLength(3);
  });

  it("the zeromq.js snippet for the 07 remote client gets replies through the broker", async () => {
    const { doc, rec } = await deploy("07-cross-machine-broker", ["client-1", "client-2"]);
    const s = connectSnippets(doc, "remote-client", "peer", { count: 4 });
    if (!s.ok) throw new Error(s.reason);
    const r = await runCode("node", s.snippets.find((x) => x.language === "node")!.code);
    expect(r.code, r.out).toBe(0);
    expect(r.out.match(/^reply: \[ 'worker-[12]: hello from node \d' \]$/gm)).toHaveLength(4);
    expect(rec.messages("broker", "in", "frontend").filter((m) => m.external)).toHaveLength(4);
  });
});
