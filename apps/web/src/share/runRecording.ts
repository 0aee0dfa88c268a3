/** The gateway records every run: ask what it holds, and download it as a .zmqrec. */
import type { RecorderStats } from "@zmqp/recording";
import { download } from "../exportZip.js";
import { getToken } from "../gateway/token.js";

export interface RecordingStatus {
  recording: boolean;
  finished: boolean;
  stats: RecorderStats | null;
}

function auth(): RequestInit {
  const token = getToken();
  return token ? { headers: { Authorization: `Bearer ${token}` } } : {};
}

export async function recordingStatus(): Promise<RecordingStatus> {
  const res = await fetch("/api/recording/status", auth());
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as RecordingStatus;
}

/** Downloads the run going on (or the last one); resolves to the file name. */
export async function downloadRecording(): Promise<string> {
  const res = await fetch("/api/recording", auth());
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
  const file = name ?? "zmqp-run.zmqrec";
  download(file, new Uint8Array(await res.arrayBuffer()), "application/zip");
  return file;
}
