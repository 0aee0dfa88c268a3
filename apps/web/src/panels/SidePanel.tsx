/**
 * The right-hand panel: inspector and lesson, as tabs. With nothing selected and no lesson it
 * folds to a rail, so the canvas has the width (a large graph needs it); the person's choice wins.
 */
import { useTranslation } from "react-i18next";
import { appStore, useApp, type AppState } from "../store/index.js";
import { Inspector } from "./Inspector.js";
import { LessonPanel } from "./LessonPanel.js";

/** Whether the side panel is open: the person's choice, else whether it has anything to show. */
export function sideOpen(s: AppState): boolean {
  if (s.sidePinned !== null) return s.sidePinned;
  const selected = s.selection.nodes.length + s.selection.links.length > 0;
  const lesson = !!(s.doc.lesson?.en || s.doc.lesson?.["zh-TW"]);
  return selected || lesson;
}

export function SidePanel() {
  const { t } = useTranslation();
  const panel = useApp((s) => s.sidePanel);
  const open = useApp(sideOpen);
  const st = appStore.getState();
  const tab = (key: "inspector" | "lesson") => (
    <button
      type="button"
      role="tab"
      aria-selected={open && panel === key}
      className={`tab ${open && panel === key ? "active" : ""}`}
      data-testid={`side.${key}`}
      onClick={() => {
        st.setSidePanel(key);
        if (!open) st.setSidePinned(true);
      }}
    >
      {t(`side.${key}`)}
    </button>
  );
  return (
    <aside
      className={`side ${open ? "" : "folded"}`}
      aria-label={t("side.label")}
      data-testid="side"
    >
      <div className="tabs" role="tablist">
        {tab("inspector")}
        {tab("lesson")}
        <button
          type="button"
          className="side-fold"
          aria-expanded={open}
          aria-label={open ? t("side.fold") : t("side.unfold")}
          title={open ? t("side.fold") : t("side.unfold")}
          data-testid="side.fold"
          onClick={() => st.setSidePinned(!open)}
        >
          {open ? "»" : "«"}
        </button>
      </div>
      {open && (
        <div className="side-body" role="tabpanel">
          {panel === "inspector" ? <Inspector /> : <LessonPanel />}
        </div>
      )}
    </aside>
  );
}
