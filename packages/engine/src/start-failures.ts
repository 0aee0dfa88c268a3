/**
 * A deploy's runtime failures as diagnostics: a node that could not start (a bind in use, an
 * address not on this machine) is named in the deploy's answer with its code, so "deployed" never
 * means "all is well" while a node sits in error.
 */
import { english, ERROR_CODES, phrase, type Diagnostic } from "@zmqp/protocol";
import type { NodeRunner } from "./node-runner.js";

export function startFailures(r: NodeRunner | undefined): Diagnostic[] {
  if (!r || r.status.state !== "error") return [];
  const failed = Object.entries(r.status.sockets).filter(([, s]) => s.error);
  if (failed.length === 0) {
    const p = phrase("diag.startFailed", { node: r.id, error: r.status.detail ?? "" });
    return [
      { code: ERROR_CODES.SOCKET, severity: "error", node: r.id, phrase: p, message: english(p) },
    ];
  }
  return failed.map(([socket, s]) => {
    const p = phrase("diag.startFailed", { node: `${r.id}.${socket}`, error: s.error!.message });
    return {
      code: s.error!.code,
      severity: "error",
      node: r.id,
      socket,
      phrase: p,
      message: english(p),
    };
  });
}
