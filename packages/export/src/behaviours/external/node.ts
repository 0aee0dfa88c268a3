import { str } from "../../text.js";
import type { ExportContext } from "../types.js";
import { nodePeer } from "./peer.js";
import { topicFor } from "./python.js";
import { externalSpec } from "./spec.js";

export function node({ node: n, plan }: ExportContext): string {
  const spec = externalSpec(n);
  if ("reason" in spec)
    return `// ${n.node.id}: an outside program with nothing to talk to.\nconsole.error(${str(spec.reason)});\nprocess.exit(1);\n`;
  return nodePeer({ ...spec, topic: topicFor(n, plan) });
}
