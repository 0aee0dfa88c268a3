import { useEffect, useRef } from "react";

/**
 * For a menu or popover: while `active`, a mouse press outside the returned ref's element calls
 * `onOutside` (close it). One listener, only while open.
 */
export function useClickOutside(active: boolean, onOutside: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef(onOutside);
  latest.current = onOutside;
  useEffect(() => {
    if (!active) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) latest.current();
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [active]);
  return ref;
}
