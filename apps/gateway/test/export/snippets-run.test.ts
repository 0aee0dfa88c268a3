/**
 * The code the inspector offers to copy really works: the pyzmq and zeromq.js snippets from
 * `connectSnippets` (the exporter's peer program) are run as they are, against templates 06 and
 * 07 deployed by the engine.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createRuntime, type Runtime } from "@zmqp/engine";
import { connectSnippets, type SnippetLanguage } from "@zmqp/export";
import { parseGraph, type EventOf, type GraphDoc, type RuntimeEvent } from "@zmqp/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { REPO } from "../spawn.js";
import { PYTHON, pythonUnavailable, template } from "./harness.js";

const noPython = pythonUnavailable();
// The Node snippet imports "zeromq": run it where the gateway's dependencies resolve.
const GATEWAY_DIR = path.join(REPO, "apps", "gateway");

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
  const child = spawn(cmd, args, { cwd: GATEWAY_DIR });
  if (language === "python") child.stdin.end(code);
  else child.stdin.end();
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("close", (c) => resolve({ code: c, out })),
  );
}

/** Receives from outside the playground (no playground sender matched). */
type Msg = EventOf<"message">;
const outsideIn = (events: RuntimeEvent[], node: string, socket?: string) =>
  events.filter(
    (e): e is Msg =>
      e.type === "message" &&
      e.direction === "in" &&
      e.node === node &&
      (socket === undefined || e.socket === socket) &&
      e.external === true,
  );

/**
 * Deploys a template with some nodes held back. Its `tcp://*:` binds are narrowed to loopback:
 * the test's own network, where binding every interface would open the port for nothing.
 */
async function deploy(name: string, stopped: string[]) {
  const raw = JSON.parse(
    JSON.stringify(template(name)).replaceAll('"tcp://*:', '"tcp://127.0.0.1:'),
  );
  for (const n of raw.nodes) if (stopped.includes(n.id)) n.autostart = false;
  rt = createRuntime({ allowExternal: true });
  const events: RuntimeEvent[] = [];
  rt.on((e) => events.push(e));
  // Parsed first, as the gateway does: the engine takes a checked document.
  const doc = parseGraph(raw, { allowExternal: true }).doc as GraphDoc;
  expect((await rt.deploy(doc)).ok).toBe(true);
  return { doc, events };
}

describe("copyable snippets, run as they are", () => {
  it.skipIf(noPython !== null)("the pyzmq snippet for the 06 server gets its replies", async () => {
    const { doc, events } = await deploy("06-cross-machine", ["client"]);
    const s = connectSnippets(doc, "server", "rep", { count: 3 });
    if (!s.ok) throw new Error(s.reason);
    const r = await runCode("python", s.snippets.find((x) => x.language === "python")!.code);
    expect(r.code, r.out).toBe(0);
    expect(r.out.match(/^reply: \[b'world from 06: hello from python \d'\]$/gm)).toHaveLength(3);
    expect(outsideIn(events, "server")).toHaveLength(3);
    expect(r.out).toContain('{"node": "peer", "sent": 3, "received": 3}');
  });

  it("the zeromq.js snippet for the 07 remote client gets replies through the broker", async () => {
    const { doc, events } = await deploy("07-cross-machine-broker", ["client-1", "client-2"]);
    const s = connectSnippets(doc, "remote-client", "peer", { count: 4 });
    if (!s.ok) throw new Error(s.reason);
    const r = await runCode("node", s.snippets.find((x) => x.language === "node")!.code);
    expect(r.code, r.out).toBe(0);
    expect(r.out.match(/^reply: \[ 'worker-[12]: hello from node \d' \]$/gm)).toHaveLength(4);
    expect(outsideIn(events, "broker", "frontend")).toHaveLength(4);
    expect(r.out).toContain('{"node":"peer","sent":4,"received":4}');
  });
});
