import { ERROR_CODES, type ErrorCode } from "@zmqp/protocol";

/** The one error body every HTTP error uses: a stable code and a sentence. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** An error carrying its HTTP status and stable code, thrown by routes and mapped by the error handler. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorBody["code"],
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Maps Fastify's own errors (body too large, bad JSON…) to our codes. */
export function toErrorBody(error: unknown): {
  status: number;
  body: ErrorBody & Record<string, unknown>;
} {
  if (error instanceof HttpError)
    return {
      status: error.statusCode,
      body: { code: error.code, message: error.message, ...error.extra },
    };
  const e = error as { statusCode?: number; code?: string; message?: string };
  const status = typeof e.statusCode === "number" && e.statusCode >= 400 ? e.statusCode : 500;
  if (status === 413)
    return { status, body: { code: ERROR_CODES.LIMIT, message: "request body is too large" } };
  if (status === 415)
    return { status, body: { code: ERROR_CODES.BAD_MESSAGE, message: "send application/json" } };
  if (status < 500)
    return { status, body: { code: ERROR_CODES.BAD_MESSAGE, message: e.message ?? "bad request" } };
  return { status, body: { code: ERROR_CODES.SOCKET, message: "internal error" } };
}
