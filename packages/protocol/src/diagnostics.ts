import type { ErrorCode } from "./errors.js";
import type { Phrase } from "./text.js";

/**
 * One finding of `validateGraph`: a stable code, what it is about, and what to do. `phrase` is the
 * finding for people (the web formats it in the reader's language); `message` is its English, for
 * the CLI and logs.
 */
export interface Diagnostic {
  code: ErrorCode;
  severity: "error" | "warning";
  phrase: Phrase;
  message: string;
  node?: string;
  socket?: string;
  link?: string;
  /** Where in the document, for schema errors (`nodes.2.sockets.0.type`). */
  path?: string;
}
