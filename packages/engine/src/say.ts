/**
 * What the engine says to people: a phrase (the page formats it in the reader's language) or a
 * verbatim string (data such as `"Hello 1" → "World"`, or zeromq's own words). Events carry the
 * English as well, for the CLI and the tests.
 */
import { english, type NodeStatus, type Phrase } from "@zmqp/protocol";

export type Said = Phrase | string;

/** Sets (or clears) the one line a node shows under its badge. */
export function setDetail(status: NodeStatus, detail: Said | undefined): void {
  if (detail === undefined) {
    delete status.detail;
    delete status.detailPhrase;
  } else if (typeof detail === "string") {
    status.detail = detail;
    delete status.detailPhrase;
  } else {
    status.detail = english(detail);
    status.detailPhrase = detail;
  }
}

/** The text fields of a `log` or `error` event. */
export function spoken(text: Said): { text: string; phrase?: Phrase } {
  return typeof text === "string" ? { text } : { text: english(text), phrase: text };
}

/** The message fields of an `error` event. */
export function errorText(message: Said): { message: string; phrase?: Phrase } {
  return typeof message === "string" ? { message } : { message: english(message), phrase: message };
}
