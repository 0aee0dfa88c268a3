/** What the page calls a node: its label in the reader's language (templates carry both), else its id. */
import { localized, type GraphNode } from "@zmqp/protocol";
import type { Locale } from "../store/uiSlice.js";

export function nodeName(node: Pick<GraphNode, "id" | "label">, locale: Locale): string {
  return localized(node.label, locale) || node.id;
}
