/** The page's one gateway session, bound to the app store. */
import type { RuntimeSnapshot } from "@zmqp/protocol";
import { attachHooks } from "../attach/session.js";
import { ATTACH_MODE } from "../attach/mode.js";
import { appStore } from "../store/index.js";
import { pendingChanges } from "../store/runDiff.js";
import { GatewayClient } from "./client.js";
import { replayGate } from "../replay/gate.js";

/** Set at boot when the URL named a template: that template wins over a running document. */
export const bootState = { templateFromUrl: false };

/**
 * On the first welcome, when the gateway already runs a graph (another tab, or this page before a
 * reload): the same graph as on the canvas just says it still runs; an empty canvas adopts it; a
 * different graph (the person's own, or the URL's template) is kept, and the page says what runs
 * and offers to view it. On a reconnect the person's document stays: the snapshot only brings
 * status and counters back.
 */
function onWelcome(snapshot: RuntimeSnapshot, first: boolean) {
  if (!first || snapshot.state !== "running" || !snapshot.doc) return;
  const st = appStore.getState();
  if (st.doc.nodes.length === 0 && !bootState.templateFromUrl) {
    st.loadDoc(snapshot.doc);
    st.setRunningNotice("same");
    return;
  }
  st.setRunningNotice(pendingChanges(st.doc, snapshot.doc).changed.length ? "differs" : "same");
}

export const gateway = new GatewayClient(
  appStore,
  ATTACH_MODE ? attachHooks : { onWelcome, beforeSend: replayGate },
);
