/**
 * The person's own graph while a recording is open: kept whole (document and undo history) and
 * put back exactly when the replay closes. Autosave holds off meanwhile, so the recording's graph
 * is never saved over theirs.
 */
import type { GraphDoc } from "@zmqp/protocol";
import { appStore } from "../store/index.js";

interface Own {
  doc: GraphDoc;
  past: unknown[];
  future: unknown[];
}

let own: Own | null = null;

/** Keeps the person's graph aside (once: a second recording opened keeps the first's owner). */
export function keepOwn(): void {
  if (own) return;
  const history = appStore.temporal.getState();
  own = {
    doc: appStore.getState().doc,
    past: [...history.pastStates],
    future: [...history.futureStates],
  };
}

/** Puts the person's graph and its undo history back. */
export function restoreOwn(): void {
  if (!own) return;
  const { doc, past, future } = own;
  own = null;
  appStore.getState().loadDoc(doc);
  appStore.temporal.setState({
    pastStates: past as never[],
    futureStates: future as never[],
  });
}

/** Whether a recording's graph is on the canvas (autosave must not save it). */
export const holdingOwn = (): boolean => own !== null;
