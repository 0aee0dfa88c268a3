/** How the page's gateway client behaves in Attach mode: the snapshot's document, then the graph. */
import type { ClientHooks } from "../gateway/client.js";
import { appStore } from "../store/index.js";

export const attachHooks: ClientHooks = {
  path: "/ws/attach",
  onWelcome(snapshot) {
    const st = appStore.getState();
    if (snapshot.doc) st.loadDoc(snapshot.doc);
  },
  onBatch(events) {
    appStore.getState().applyObserved(events);
  },
};
