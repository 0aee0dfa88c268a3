import type { ErrorCode } from "./errors.js";

/** One finding of `validateGraph`: stable code, what it is about, one line a person can act on. */
export interface Diagnostic {
  code: ErrorCode;
  severity: "error" | "warning";
  message: string;
  node?: string;
  socket?: string;
  link?: string;
  /** Where in the document, for schema errors (`nodes.2.sockets.0.type`). */
  path?: string;
}
