import type { PlannedNode } from "../../plan.js";
import type { PeerSpec } from "./peer.js";

/** What an external node's program does: its first socket binds its own address or dials its link. */
export function externalSpec(node: PlannedNode): PeerSpec | { reason: string } {
  const s = node.sockets[0]!;
  const own = s.bind[0];
  const dial = s.connect[0];
  if (!own && !dial)
    return {
      reason: `${node.node.id}.${s.id} has no address and no link: link it to a bound socket, or give it the address the outside program binds`,
    };
  return {
    node: node.node.id,
    type: s.type,
    action: own ? "bind" : "connect",
    address: own ? own.local : dial!.local,
    env: own ? s.bindEnv : s.connectEnv,
    count: 10,
    run: { python: `python3 nodes/${node.file}.py`, node: `node nodes/${node.file}.mjs` },
  };
}
