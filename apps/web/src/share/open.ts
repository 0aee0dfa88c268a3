/** Boot: a `#graph=` link opens its graph, asking first when the person has one of their own. */
import { isShareFragment, readShareFragment } from "@zmqp/recording";
import type { GraphDoc } from "@zmqp/protocol";
import { openDoc } from "../actions.js";
import { i18n } from "../i18n/index.js";
import { appStore } from "../store/index.js";
import { AUTOSAVE_KEY } from "../store/persist.js";
import { usePendingShare } from "./pending.js";

/** Opens the link's graph; false when it was refused (then the caller opens the person's own). */
export function openShareLink(hash: string, own: GraphDoc | null): boolean {
  // Read once: a reload then shows the graph kept, and the link is not left in the history.
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  const r = readShareFragment(hash);
  const st = appStore.getState();
  if (!r.ok) {
    st.toast("error", i18n.t("share.refused", { reason: i18n.t(`share.reasons.${r.reason}`) }));
    return false;
  }
  // A second link while one is pending: the graph to go back to is still the person's own.
  const mine = usePendingShare.getState().own ?? own;
  openDoc(r.doc);
  const theirs = mine && mine.nodes.length > 0 && JSON.stringify(mine) !== JSON.stringify(r.doc);
  if (theirs) usePendingShare.getState().set(mine);
  else st.toast("info", i18n.t("share.opened"));
  return true;
}

/** A link pasted into a tab already showing the page changes only the hash: open it as well. */
export function followShareLinks(): void {
  window.addEventListener("hashchange", () => {
    if (isShareFragment(window.location.hash))
      openShareLink(window.location.hash, appStore.getState().doc);
  });
}

/** "Keep this graph": it becomes the person's (saved now, autosaved from here on). */
export function keepShared(): void {
  try {
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(appStore.getState().doc));
  } catch {
    // Storage full or disabled: the graph is on the canvas all the same.
  }
  usePendingShare.getState().set(null);
}

/** "Back to my graph": their own graph comes back as it was; the shared one is gone. */
export function backToOwn(): void {
  const own = usePendingShare.getState().own;
  if (own) openDoc(own);
  appStore.temporal.getState().clear();
  usePendingShare.getState().set(null);
}
