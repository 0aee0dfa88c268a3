/** "12.4 s", "3 min 05.2 s": a moment into a run, as the timeline and the banner say it. */
export function runTime(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = (s - m * 60).toFixed(1).padStart(4, "0");
  return `${m} min ${rest} s`;
}
