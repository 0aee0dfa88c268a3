import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** proxy: an XSUB frontend and an XPUB backend, joined by a loop both ways. */
export function summary(node: PlannedNode): string {
  const delay = param<number>(node, "delayMs");
  return `a pub-sub proxy that passes each publish from the publishers on its XSUB to the subscribers on its XPUB${delay > 0 ? ` (after ${delay} ms)` : ""}, and each subscription back upstream`;
}

/** The frontend (the XSUB, facing the publishers) and the backend (the XPUB, facing the subscribers). */
export function proxySockets(node: PlannedNode) {
  const front = node.sockets.find((s) => s.type === "XSUB") ?? node.sockets[0]!;
  const back = node.sockets.find((s) => s.id !== front.id);
  return { front, back };
}

/** What the programs say about the two directions, in their docstring. */
export const DETAILS = [
  "A SUB's subscription is a message to its publisher: b'\\x01' + topic (b'\\x00' + topic ends it).",
  "The XPUB hands the subscriptions it gets from the subscribers to this program, which sends",
  "them on through the XSUB to the publishers; the publishes come back the other way, topic first,",
  "and the XPUB sends each to the subscribers whose filter matches. Without the proxy passing",
  "them upstream, the publishers would see no subscriber and send nothing.",
  "(zmq.proxy() does the same in C; this loop shows each message, as the playground does.)",
];
