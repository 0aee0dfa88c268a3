/**
 * What a person (or a timeline step) does to a running graph: a node action (start, stop, kill,
 * restart, pause, resume, send) or a link action (cut, restore, latency). The runtime runs them
 * one at a time in its queue; these functions only apply one.
 */
import { phrase, type NodeAction } from "@zmqp/protocol";
import type { Core } from "./core.js";
import type { NodeRunner } from "./node-runner.js";
import type { Said } from "./say.js";
import { socketKey } from "./sockets/registry.js";

export type ActionLog = (text: Said, node?: string, level?: "info" | "warn") => void;

export async function applyNodeAction(
  runners: Map<string, NodeRunner>,
  log: ActionLog,
  id: string,
  action: NodeAction,
  payload?: string,
): Promise<void> {
  const r = runners.get(id);
  if (!r) return log(phrase("note.noNode", { node: id }), id, "warn");
  switch (action) {
    case "start":
      return r.start();
    case "stop":
      return r.stop("stopped");
    case "kill":
      return r.stop("killed");
    case "restart":
      return r.restart();
    case "pause":
      return r.pause();
    case "resume":
      return r.resume();
    case "send":
      return r.sendNow(payload);
  }
}

/** Cut or restore a link (and set its latency); `changed` tells every tab the new controls. */
export function applyLinkAction(
  core: Core,
  runners: Map<string, NodeRunner>,
  log: ActionLog,
  changed: () => void,
  id: string,
  action: "cut" | "restore",
  latencyMs?: number,
): void {
  const topology = core.state.topology;
  const link = topology.link(id);
  if (!link) return log(phrase("note.noLink", { link: id }), undefined, "warn");
  topology.setLatency(id, latencyMs);
  const runner = runners.get(link.from.node);
  const socket = `${link.from.node}.${link.from.socket}`;
  if (action === "cut" && !topology.cut.has(id)) {
    topology.cut.add(id);
    runner?.sockets.disconnectLink(id);
    core.correlator.forgetReceiver(socketKey(link.from.node, link.from.socket));
    core.correlator.forgetReceiver(socketKey(link.to.node, link.to.socket));
    log(phrase("note.linkCut", { link: id, socket }), link.from.node);
  } else if (action === "restore" && topology.cut.has(id)) {
    topology.cut.delete(id);
    runner?.sockets.connectLink(id);
    runner?.emitStatus();
    log(phrase("note.linkRestored", { link: id, socket }), link.from.node);
  }
  changed();
}
