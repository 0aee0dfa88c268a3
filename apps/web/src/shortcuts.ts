/** Keyboard shortcuts. Delete and Backspace are React Flow's own (deleteKeyCode). */
import { run, saveFile } from "./actions.js";
import { redo, undo } from "./store/index.js";

/** Whether a key went to a text field (which keeps its own keys). */
export function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === "INPUT" ||
      el.tagName === "TEXTAREA" ||
      el.tagName === "SELECT" ||
      el.isContentEditable)
  );
}

export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod) return;
    const key = e.key.toLowerCase();
    if (key === "s") {
      e.preventDefault();
      saveFile();
    } else if (key === "enter") {
      e.preventDefault();
      run();
    } else if (typing(e.target)) {
      // Let text fields keep their own undo.
    } else if (key === "z" && !e.shiftKey) {
      e.preventDefault();
      undo();
    } else if ((key === "z" && e.shiftKey) || key === "y") {
      e.preventDefault();
      redo();
    }
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
