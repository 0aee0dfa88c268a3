/**
 * Boot: token, locale, the document (a share link, else a template from the URL, else autosave),
 * gateway, shortcuts.
 */
import "@xyflow/react/dist/style.css";
import "./styles/base.css";
import "./styles/chrome.css";
import "./styles/canvas.css";
import "./canvas/queues.css";
import "./styles/panels.css";
import "./styles/dock.css";
import "./attach/attach.css";
import "./share/share.css";
import "./replay/replay.css";
import "./player/player.css";
import { ReactFlowProvider } from "@xyflow/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { openDoc, openTemplate } from "./actions.js";
import { App } from "./App.js";
import { getToken } from "./gateway/token.js";
import { bootState, gateway } from "./gateway/session.js";
import { i18n } from "./i18n/index.js";
import { autosave, loadSaved } from "./store/persist.js";
import { appStore } from "./store/index.js";
import type { Locale } from "./store/uiSlice.js";
import { installShortcuts } from "./shortcuts.js";
import { loadAttachState, takePromoted } from "./attach/actions.js";
import { ATTACH_MODE } from "./attach/mode.js";
import { isShareFragment } from "@zmqp/recording";
import { followShareLinks, openShareLink } from "./share/open.js";
import { sharePending } from "./share/pending.js";
import { holdingOwn } from "./replay/own.js";
import { STANDALONE } from "./replay/standalone.js";
import { installRecordingDrop } from "./replay/openFile.js";
import { installRunSpan } from "./replay/runSpan.js";
import { installTimelineKeys } from "./replay/keys.js";
import { PLAYER } from "./player/mode.js";
import { preferredLocale } from "./i18n/preferred.js";
import { followRecLinks, openFromLocation } from "./player/location.js";

const LOCALE_KEY = "zmqp.locale";
/** The `?template=` this tab already opened (sessionStorage: per tab, survives a reload). */
const OPENED_KEY = "zmqp.openedTemplate";

function syncLocale(locale: Locale) {
  void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

getToken();
const saved = localStorage.getItem(LOCALE_KEY);
// The person's own choice wins; before they have made one, the browser's languages decide.
appStore
  .getState()
  .setLocale(saved === "en" || saved === "zh-TW" ? saved : preferredLocale(navigator.languages));
syncLocale(appStore.getState().locale);
appStore.subscribe((s, prev) => {
  if (s.locale === prev.locale) return;
  syncLocale(s.locale);
  // Remembered once the person picks (a language taken from the browser is not their choice).
  localStorage.setItem(LOCALE_KEY, s.locale);
});

const template = new URLSearchParams(window.location.search).get("template");
if (PLAYER) {
  // The player shows recordings only: never the person's graph, a template or a graph link.
} else if (ATTACH_MODE) {
  // An observed system is not the person's graph: it is never loaded from or saved over theirs.
  void loadAttachState();
} else if (
  isShareFragment(window.location.hash) &&
  openShareLink(window.location.hash, loadSaved(localStorage))
) {
  // Like a template in the URL, the link's graph wins over what the gateway is running.
  bootState.templateFromUrl = true;
} else if (template && sessionStorage.getItem(OPENED_KEY) !== template) {
  // Opened once per tab: a reload keeps the person's edits (autosaved) instead of reopening it.
  sessionStorage.setItem(OPENED_KEY, template);
  bootState.templateFromUrl = true;
  void openTemplate(template);
} else {
  const doc = loadSaved(localStorage);
  if (doc) openDoc(doc);
}
// Opening a document is not something to undo on a fresh page.
appStore.temporal.getState().clear();
if (!ATTACH_MODE) {
  // A recording named by the address (`#rec=`, or `?rec=` in the player) replays over what opened.
  void openFromLocation();
  followRecLinks();
}
if (!ATTACH_MODE && !PLAYER) {
  // A promoted system replaces the graph as one undoable step: Undo brings the old one back.
  takePromoted(sessionStorage);
  // A shared graph shown over the person's own is not saved over it until they choose.
  // Nor is a recording's graph, shown while the person's own is kept aside.
  autosave(appStore, localStorage, () => sharePending() || holdingOwn());
  followShareLinks();
}
if (!ATTACH_MODE) {
  // The player edits nothing and has no run of its own: only dropping a file and the timeline's keys.
  if (!PLAYER) installShortcuts();
  installRecordingDrop();
  if (!PLAYER) installRunSpan();
  installTimelineKeys();
}
// The static player has no gateway: nothing dials, the page shows recordings only.
if (!STANDALONE) gateway.connect();

// For tests and the UI benchmark: read-only access to the store from the page.
(window as unknown as { __zmqp?: unknown }).__zmqp = { store: appStore };

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ReactFlowProvider>
      <App />
    </ReactFlowProvider>
  </StrictMode>,
);
