/** A .zmqrec chosen or dropped by the person: read, opened as a replay, or refused with a toast. */
import { i18n } from "../i18n/index.js";
import { appStore } from "../store/index.js";
import { openRecordingBytes } from "./open.js";

export const RECORDING_ACCEPT = ".zmqrec,application/zip";

export const isRecordingFile = (f: File): boolean => f.name.toLowerCase().endsWith(".zmqrec");

export async function openRecordingFile(file: File): Promise<void> {
  const st = appStore.getState();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    st.toast("error", i18n.t("replay.readFailed", { name: file.name, reason: String(err) }));
    return;
  }
  const r = await openRecordingBytes(bytes, { kind: "file", name: file.name });
  if (r.ok) st.toast("info", i18n.t("replay.opened", { name: file.name }));
  else st.toast("error", r.message);
}

/** A file dragged onto the page anywhere: a .zmqrec opens as a replay (other drops go their way). */
export function installRecordingDrop(): () => void {
  const over = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  };
  const drop = (e: DragEvent) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    // Dropped files never navigate the page away (losing the person's work).
    e.preventDefault();
    if (isRecordingFile(file)) void openRecordingFile(file);
    else appStore.getState().toast("info", i18n.t("replay.dropHere"));
  };
  window.addEventListener("dragover", over);
  window.addEventListener("drop", drop);
  return () => {
    window.removeEventListener("dragover", over);
    window.removeEventListener("drop", drop);
  };
}
