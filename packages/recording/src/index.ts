export * from "./format.js";
export { Recorder, SAMPLE_STRIDE, type RecorderOptions, type RecorderStats } from "./recorder.js";
export { encodeRecording } from "./writer.js";
export {
  decodeRecording,
  type ReadOptions,
  type ReadResult,
  type RecordingError,
} from "./reader.js";
export { Replay, ReplayCursor, KEYFRAME_EVERY, LOG_ROWS, isLogRow } from "./replay.js";
export { applyEntry, cloneState, emptyState, type ReplayState } from "./state.js";
export { sameCounters } from "./same.js";
export {
  shareFragment,
  readShareFragment,
  isShareFragment,
  SHARE_PREFIX,
  SHARE_VERSION,
  MAX_SHARE_LINK_CHARS,
  type ShareResult,
  type ShareRefusal,
} from "./share.js";
export {
  recLinkFragment,
  readRecLinkFragment,
  isRecLinkFragment,
  REC_LINK_PREFIX,
  type RecLinkResult,
  type RecLinkRefusal,
} from "./rec-link.js";
