/**
 * One fault a minute, in turn: each is something a learner does on purpose (or by mistake), and
 * each makes messages go somewhere other than "received": the soak's accounts must still add up.
 */
import net from "node:net";
import type { Runtime } from "@zmqp/engine";
import { SOAK_PORT_BASE } from "./graph.js";

export interface Fault {
  name: string;
  run(rt: Runtime): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fault that does something, waits, and undoes it: a node action or a link action pair. */
function nodeFault(
  name: string,
  node: string,
  act: "kill" | "pause",
  undo: "start" | "resume",
  ms: number,
): Fault {
  return {
    name,
    async run(rt) {
      await rt.nodeAction(node, act);
      await sleep(ms);
      await rt.nodeAction(node, undo);
    },
  };
}

/** The first reproduction: empty ZMTP 1.0 frames over raw TCP, to a REP. */
function malformed(port: number): Promise<void> {
  return new Promise((resolve) => {
    const s = net.createConnection(port, "127.0.0.1", () => {
      s.write(Buffer.from("01000100010001000100", "hex"));
      // libzmq keeps a ZMTP 1.0 peer's connection open: close it from here, after a moment.
      setTimeout(() => s.destroy(), 200);
    });
    s.on("close", () => resolve());
    s.on("error", () => resolve());
  });
}

export const FAULTS: Fault[] = [
  nodeFault("kill and start the sink", "sink", "kill", "start", 2000),
  {
    name: "cut and restore vent-worker",
    async run(rt) {
      await rt.linkAction("vent-worker", "cut");
      await sleep(2000);
      await rt.linkAction("vent-worker", "restore");
    },
  },
  nodeFault("pause and resume the subscriber", "sub", "pause", "resume", 3000),
  {
    name: "malformed bytes to server-1",
    async run() {
      await malformed(SOAK_PORT_BASE + 3);
    },
  },
  {
    name: "restart the ventilator",
    async run(rt) {
      await rt.nodeAction("vent", "restart");
    },
  },
  nodeFault("kill and start server-2", "server-2", "kill", "start", 1000),
];
