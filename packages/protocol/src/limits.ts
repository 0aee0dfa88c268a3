/** Caps on what one graph may ask of the machine. The gateway and the CLI enforce the same numbers. */
export const LIMITS = {
  maxNodes: 200,
  maxLinks: 400,
  maxSocketsPerNode: 4,
  maxBindsPerSocket: 4,
  maxTimelineSteps: 500,
  maxTimelineAtMs: 24 * 3600 * 1000,
  /** Largest payload a behaviour may be configured to send, in bytes. */
  maxPayloadBytes: 64 * 1024,
  /** zeromq `maxMessageSize` on every socket: a peer sending more is disconnected. */
  maxMessageSize: 1024 * 1024,
  /** Fastest send interval a behaviour may ask for, in ms. */
  minIntervalMs: 1,
  maxIntervalMs: 3600 * 1000,
  maxDelayMs: 60 * 1000,
  highWaterMark: 1000,
  /** A graph document's JSON size, in bytes. */
  maxDocumentBytes: 512 * 1024,
  maxTopics: 32,
  maxStringLength: 256,
} as const;
