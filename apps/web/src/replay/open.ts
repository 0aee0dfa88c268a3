/**
 * Opening a recording in the page: a replay of a real run with no sockets started. The person's
 * own graph is kept aside and comes back untouched on close; a file this page cannot read (a newer
 * format, a damaged file) is refused with a sentence that says why, and nothing is changed.
 *
 * The static player builds on this: `openRecordingBytes` is its one way in (keep it stable).
 */
import { ERROR_CODES } from "@zmqp/protocol";
import { decodeRecording } from "@zmqp/recording";
import { openDoc } from "../actions.js";
import { i18n } from "../i18n/index.js";
import { appStore } from "../store/index.js";
import { holdingOwn, keepOwn, restoreOwn } from "./own.js";
import type { RecordingOrigin } from "./replaySlice.js";
import { currentSource, setSource, showPosition } from "./source.js";
import { PageReplay } from "./view.js";

export type OpenResult = { ok: true } | { ok: false; message: string };

export async function openRecordingBytes(
  bytes: Uint8Array,
  origin: RecordingOrigin,
): Promise<OpenResult> {
  // Decoding can take a moment on a large file: let the page paint its "opening" state first.
  await Promise.resolve();
  const read = decodeRecording(bytes);
  if (!read.ok) {
    const e = read.error;
    const message =
      e.code === ERROR_CODES.RECORDING_VERSION && e.version
        ? i18n.t("replay.refusedVersion", {
            name: origin.name,
            file: e.version.file,
            supported: e.version.supported,
          })
        : i18n.t("replay.refusedBad", { name: origin.name, reason: e.message });
    return { ok: false, message };
  }
  const doc = read.data.document ?? read.data.start.doc;
  if (!doc) return { ok: false, message: i18n.t("replay.refusedNoGraph", { name: origin.name }) };
  let replay: PageReplay;
  try {
    replay = new PageReplay(read.data);
  } catch (err) {
    return {
      ok: false,
      message: i18n.t("replay.refusedBad", { name: origin.name, reason: String(err) }),
    };
  }
  keepOwn();
  openDoc(doc, { keepLastRun: true });
  // Opening a recording is not an edit: Undo must not walk into the person's history from here.
  appStore.temporal.getState().clear();
  setSource({ replay, kind: "file", origin });
  // A recording opens at its end: everything it holds, the state its run reached.
  showPosition(replay.length);
  return { ok: true };
}

/** Whether a recording file (not the run's own past) is open. */
export const recordingOpen = (): boolean => currentSource()?.kind === "file";

/** Closes an opened recording: the person's graph comes back as it was; the live page returns. */
export function closeRecording(): void {
  if (!recordingOpen()) return;
  setSource(null);
  appStore.getState().setReplay(null, null);
  if (holdingOwn()) restoreOwn();
}
