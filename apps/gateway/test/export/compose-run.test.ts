/**
 * The exported compose.yaml, run as Compose would run it (compose-net.ts): each service's
 * command with the service's environment, in a network namespace of its own, peers reached by
 * service name. Python for template 04, Node for 09.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runCompose } from "./compose-net.js";
import { engineRun, killLeft, near, pythonUnavailable, template, writeExport } from "./harness.js";

const noPython = pythonUnavailable();
if (noPython) throw new Error(`these tests run pyzmq programs: ${noPython}`);
afterAll(killLeft);

describe("compose.yaml, each service in its own network", () => {
  it("04 (python): clients reach the broker by name, the broker binds every interface of its own", async () => {
    const doc = template("04-broker");
    const dir = writeExport(doc, { language: "python", compose: true });
    const run = await runCompose(dir, 3);
    expect(run.environment["client-1"]).toEqual({ ZMQP_CONNECT_REQ: "tcp://broker:5559" });
    expect(run.lines.broker![0]).toBe(
      "broker: ready, frontend binds tcp://*:5559; backend binds tcp://*:5560",
    );
    const engine = await engineRun(doc, 3);
    for (const id of ["client-1", "client-2"]) {
      // Compose starts every service at once: no waves, so only the reply in flight differs.
      near(`${id}.received`, run.counters[id]!.received, engine[id]!.received, 2);
      expect(run.counters.broker!.peers).toMatchObject({
        [id]: { received: run.counters[id]!.sent },
      });
    }
    const w1 = run.counters["worker-1"]!.received;
    const w2 = run.counters["worker-2"]!.received;
    expect(w1).toBeGreaterThan(0);
    expect(w2).toBeGreaterThan(0);
  });

  it("09 (node): the sink, its own host, gets all 20 results from both workers", async () => {
    const dir = writeExport(template("09-pipeline"), { language: "node", compose: true });
    const run = await runCompose(dir, 5);
    expect(run.environment["worker-1"]).toEqual({
      ZMQP_CONNECT_PULL: "tcp://ventilator:5557",
      ZMQP_CONNECT_PUSH: "tcp://sink:5558",
    });
    expect(run.counters.ventilator!.sent).toBe(20);
    expect(run.counters.sink!.received).toBe(20);
    expect(run.counters["worker-1"]!.sent + run.counters["worker-2"]!.sent).toBe(20);
  });
});
