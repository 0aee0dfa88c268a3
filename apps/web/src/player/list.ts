/** The committed template recordings the player build carries (recordings/index.json, see `pnpm record:scenarios`). */
import type { LocalizedText } from "@zmqp/protocol";
import { useEffect, useState } from "react";
import { RECORDINGS_PATH } from "./mode.js";

export interface ListedRecording {
  template: string;
  file: string;
  title?: LocalizedText;
  durationMs: number;
  messagesSeen: number;
  messagesSampled: number;
}

export type RecordingList =
  | { state: "loading" }
  | { state: "ready"; recordings: ListedRecording[] }
  | { state: "failed"; reason: string };

export const recordingUrl = (r: ListedRecording): string => `${RECORDINGS_PATH}${r.file}`;

let cached: Promise<ListedRecording[]> | null = null;

function load(): Promise<ListedRecording[]> {
  cached ??= fetch(`${RECORDINGS_PATH}index.json`).then(async (res) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return ((await res.json()) as { recordings: ListedRecording[] }).recordings;
  });
  // A failed fetch is tried again next time, not remembered.
  cached.catch(() => (cached = null));
  return cached;
}

export function useRecordingList(): RecordingList {
  const [list, setList] = useState<RecordingList>({ state: "loading" });
  useEffect(() => {
    let live = true;
    load().then(
      (recordings) => live && setList({ state: "ready", recordings }),
      (err: Error) => live && setList({ state: "failed", reason: err.message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}
