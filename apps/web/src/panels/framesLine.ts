import type { FrameView } from "@zmqp/protocol";

/** A message's frames as one line (the log, list queue): text frames as text, others as hex. */
export function framesLine(frames: readonly Pick<FrameView, "text" | "hex">[]): string {
  return frames.map((f) => f.text ?? (f.hex ? `0x${f.hex}` : "")).join(" | ");
}
