/**
 * The bytes of the recording a link would carry: the opened recording when one is shown,
 * otherwise (with a gateway) the run the gateway recorded.
 */
import { encodeRecording } from "@zmqp/recording";
import { getToken } from "../gateway/token.js";
import { recordingOpen } from "../replay/open.js";
import { currentSource } from "../replay/source.js";

/** null: no recording to share (nothing opened, and no run recorded yet). */
export async function recordingBytes(): Promise<Uint8Array | null> {
  const source = currentSource();
  if (recordingOpen() && source) return encodeRecording(source.replay.data);
  const token = getToken();
  const res = await fetch(
    "/api/recording",
    token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  );
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
