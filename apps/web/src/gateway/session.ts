/** The page's one gateway session, bound to the app store. */
import type { RuntimeSnapshot } from "@zmqp/protocol";
import { attachHooks } from "../attach/session.js";
import { ATTACH_MODE } from "../attach/mode.js";
import { appStore } from "../store/index.js";
import { GatewayClient } from "./client.js";

/** Set at boot when the URL named a template: that template wins over a running document. */
export const bootState = { templateFromUrl: false };

/**
 * On the first welcome a page adopts the document the gateway is running (another tab deployed
 * it), unless the URL asked for a template. On a reconnect the person's document stays: the
 * snapshot only brings status and counters back.
 */
function onWelcome(snapshot: RuntimeSnapshot, first: boolean) {
  if (!first || bootState.templateFromUrl) return;
  if (snapshot.state === "running" && snapshot.doc) appStore.getState().loadDoc(snapshot.doc);
}

export const gateway = new GatewayClient(appStore, ATTACH_MODE ? attachHooks : { onWelcome });
