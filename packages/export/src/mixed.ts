/**
 * Half on the canvas, half as programs: the graph a person opens in the playground while the
 * exported nodes run as programs. Each exported node becomes an external peer with the same
 * sockets and addresses, so the canvas's sockets dial (or are dialled by) the real programs, and
 * the canvas counts their messages as coming from outside.
 */
import type { GraphDoc } from "@zmqp/protocol";

export function canvasPart(doc: GraphDoc, exported: readonly string[]): GraphDoc {
  const out = new Set(exported);
  return {
    ...doc,
    ...(doc.name ? { name: `${doc.name}-canvas` } : {}),
    nodes: doc.nodes.map((n) =>
      out.has(n.id)
        ? {
            id: n.id,
            role: "external" as const,
            label: `${n.label ?? n.id} (exported program)`,
            ...(n.position ? { position: n.position } : {}),
            sockets: n.sockets.map((s) => ({ id: s.id, type: s.type, bind: s.bind })),
            params: {},
            autostart: true,
          }
        : n,
    ),
    // The programs play their own steps (run_all); the canvas keeps the others.
    timeline: doc.timeline.filter((s) => !s.node || !out.has(s.node)),
  };
}
