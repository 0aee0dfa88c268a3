/**
 * The capabilities in protocol's definitions say what the engine files do: a role whose
 * behaviour `sendsOnDemand` sends on "Send now" (the page shows ✉ for it), and one without says
 * it only receives; an `outside` role opens no socket. Each role runs alone on real sockets.
 */
import { capabilitiesOf, ROLE_KEYS, ROLES, type RuntimeEvent } from "@zmqp/protocol";
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { graph, node, record, waitFor } from "../test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const said = (events: RuntimeEvent[], key: string) =>
  events.some((e) => e.type === "log" && e.phrase?.key === key);

describe.each(ROLE_KEYS.map((role, i) => ({ role, port: 15640 + i * 2 })))(
  "role $role",
  ({ role, port }) => {
    it("does on Send now what its capabilities say", async () => {
      const can = capabilitiesOf(role);
      rt = createRuntime();
      const events = record(rt);
      const sockets = ROLES[role].sockets.map((s, j) => ({
        id: s.id,
        type: s.type,
        bind: s.binds ? [`tcp://127.0.0.1:${port + j}`] : [],
      }));
      const res = await rt.deploy(graph([node("n", role, sockets)]));
      expect(res.ok).toBe(true);
      await waitFor("running", () => rt!.snapshot().nodes.n?.state === "running");
      if (can.outside) {
        // Another program's socket: nothing opened here, nothing bound.
        expect(rt.snapshot().nodes.n!.sockets[sockets[0]!.id]!.bound).toEqual([]);
        return;
      }
      await rt.nodeAction("n", "send");
      const refused = said(events, "note.cannotSendReceiver");
      expect(refused, "said it only receives").toBe(!can.sendsOnDemand);
    });
  },
);
