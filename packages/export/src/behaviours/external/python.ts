import { str } from "../../text.js";
import type { ExportContext } from "../types.js";
import { pythonPeer } from "./peer.js";
import { externalSpec } from "./spec.js";

export function python({ node, plan }: ExportContext): string {
  const spec = externalSpec(node);
  if ("reason" in spec)
    return `# ${node.node.id}: an outside program with nothing to talk to.\nimport sys\n\nsys.exit(${str(spec.reason)})\n`;
  return pythonPeer({ ...spec, topic: topicFor(node, plan) });
}

/** A SUB peer subscribes to the first topic of the publisher it is linked to. */
export function topicFor(
  node: ExportContext["node"],
  plan: ExportContext["plan"],
): string | undefined {
  const s = node.sockets[0]!;
  if (s.type !== "SUB" && s.type !== "XSUB") return undefined;
  const other = node.linkedNodes[s.id]?.[0];
  const topics = plan.nodes.find((n) => n.node.id === other)?.params.topics;
  return Array.isArray(topics) && typeof topics[0] === "string" ? topics[0] : "";
}
