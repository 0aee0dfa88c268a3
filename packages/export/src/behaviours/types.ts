/**
 * What a behaviour's exported code is made of: under `behaviours/<key>/` one file per language
 * (`python.ts`, `node.ts`), each writing the whole program for a node, and `summary.ts`, the
 * sentence the programs and the README use to say what the node does.
 */
import type { BehaviourKey } from "@zmqp/protocol";
import type { ExportPlan, PlannedNode } from "../plan.js";

export interface ExportContext {
  plan: ExportPlan;
  node: PlannedNode;
  /** The graph's name (or title), for the programs' headers. */
  graph: string;
}

type ProgramWriter = (ctx: ExportContext) => string;

export interface BehaviourExport {
  key: BehaviourKey;
  summary: (node: PlannedNode) => string;
  python: ProgramWriter;
  node: ProgramWriter;
}

/** A behaviour param, typed by the caller (params are already parsed with their defaults). */
export function param<T>(node: PlannedNode, name: string): T {
  return node.params[name] as T;
}
