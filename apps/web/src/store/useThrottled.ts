/**
 * A store read that re-renders at most every `ms`: the event log changes on every batch (up to 60
 * times a second), which nobody can read; a few updates a second keep it live and cheap.
 */
import { useEffect, useState } from "react";
import { appStore, type AppState } from "./index.js";

export function useThrottledApp<T>(selector: (s: AppState) => T, ms: number): T {
  const [value, setValue] = useState(() => selector(appStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const flush = () => {
      timer = undefined;
      last = performance.now();
      setValue(() => selector(appStore.getState()));
    };
    const unsub = appStore.subscribe(() => {
      if (timer) return;
      const wait = Math.max(0, ms - (performance.now() - last));
      timer = setTimeout(flush, wait);
    });
    flush();
    return () => {
      unsub();
      clearTimeout(timer);
    };
    // The selector is expected to be stable (module-level or memoised by the caller).
  }, [ms]);
  return value;
}
