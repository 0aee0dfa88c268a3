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
  /**
   * The largest message (all frames) a node takes from a peer: a bigger one is dropped and
   * reported (ZMQP_ERR_TOO_LARGE, with its size). zeromq's own `maxMessageSize`, per frame, is
   * `maxWireFrameBytes`: a peer sending a frame over that is disconnected by libzmq, which says
   * nothing about why, so the playground's limit is checked first, below it.
   */
  maxMessageSize: 1024 * 1024,
  maxWireFrameBytes: 4 * 1024 * 1024,
  /** Sends waiting behind the one in flight on one socket; more are dropped (ZMQP_ERR_QUEUE_FULL). */
  maxQueuedSends: 1000,
  /** The same queue's bytes (a few big sends fill it before 1000 small ones would). */
  maxQueuedBytes: 8 * 1024 * 1024,
  /** Messages per second the whole process takes from peers; more are dropped (ZMQP_ERR_OVERLOADED). */
  maxIncomingPerSecond: 500_000,
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
