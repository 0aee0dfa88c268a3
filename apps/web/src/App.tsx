/** The page: toolbar, palette, canvas, side panel (inspector, lesson), and the event log below. */
import { useEffect } from "react";
import { localized } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { Canvas } from "./canvas/Canvas.js";
import { EventLog } from "./panels/EventLog.js";
import { MessageView } from "./panels/MessageView.js";
import { Banner, RunBlockers, RunningNotice, Toasts } from "./panels/Overlays.js";
import { Palette } from "./panels/Palette.js";
import { SidePanel, sideOpen } from "./panels/SidePanel.js";
import { Toolbar } from "./panels/Toolbar.js";
import { appStore, useApp } from "./store/index.js";
import { AttachBar } from "./attach/AttachBar.js";
import { AttachPanel } from "./attach/AttachPanel.js";
import { ObservedInspector } from "./attach/ObservedInspector.js";
import { ATTACH_MODE } from "./attach/mode.js";
import { ShareBanner } from "./share/ShareBanner.js";
import { ReplayBanner } from "./replay/ReplayBanner.js";
import { Timeline } from "./replay/Timeline.js";
import { timelineShown } from "./replay/shown.js";
import { EMBED, PLAYER } from "./player/mode.js";
import { PlayerBar } from "./player/PlayerBar.js";

export function App() {
  const { t } = useTranslation();
  const bottomOpen = useApp((s) => s.bottomOpen);
  const sideIsOpen = useApp(sideOpen);
  const offline = useApp((s) => s.everConnected && s.connection !== "open");
  const title = useApp((s) => localized(s.doc.title, s.locale) ?? s.doc.name);
  const withTimeline = useApp(timelineShown) && !ATTACH_MODE;
  const appTitle = ATTACH_MODE ? t("attach.title") : t("app.title");
  useEffect(() => {
    document.title = title ? `${title} · ${appTitle}` : appTitle;
  }, [title, appTitle]);
  return (
    <div
      className={`app ${bottomOpen ? "" : "dock-closed"} ${sideIsOpen || ATTACH_MODE ? "" : "side-folded"} ${offline ? "offline" : ""} ${ATTACH_MODE ? "attach" : ""} ${PLAYER ? "player" : ""} ${EMBED ? "embed" : ""}`}
    >
      {/* The player has no gateway: its own bar, no palette (nothing to deploy); embedded, no chrome. */}
      {ATTACH_MODE ? <AttachBar /> : PLAYER ? !EMBED && <PlayerBar /> : <Toolbar />}
      <Banner />
      <RunningNotice />
      <ReplayBanner />
      {ATTACH_MODE ? <AttachPanel /> : !PLAYER && <Palette />}
      <main className={`main ${withTimeline ? "with-timeline" : ""}`}>
        <Canvas />
        {withTimeline && <Timeline />}
      </main>
      {ATTACH_MODE ? <ObservedInspector /> : !EMBED && <SidePanel />}
      <div className="dock">
        <button
          type="button"
          className="dock-toggle"
          aria-expanded={bottomOpen}
          onClick={() => appStore.getState().setBottomOpen(!bottomOpen)}
        >
          {bottomOpen ? t("bottom.hide") : t("bottom.show")}
        </button>
        {bottomOpen && (
          <>
            <EventLog />
            <MessageView />
          </>
        )}
      </div>
      <ShareBanner />
      <Toasts />
      <RunBlockers />
    </div>
  );
}
