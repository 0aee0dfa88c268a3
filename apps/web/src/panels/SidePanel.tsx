/** The right-hand panel: inspector and lesson, as tabs. */
import { useTranslation } from "react-i18next";
import { appStore, useApp } from "../store/index.js";
import { Inspector } from "./Inspector.js";
import { LessonPanel } from "./LessonPanel.js";

export function SidePanel() {
  const { t } = useTranslation();
  const panel = useApp((s) => s.sidePanel);
  const tab = (key: "inspector" | "lesson") => (
    <button
      type="button"
      role="tab"
      aria-selected={panel === key}
      className={`tab ${panel === key ? "active" : ""}`}
      data-testid={`side.${key}`}
      onClick={() => appStore.getState().setSidePanel(key)}
    >
      {t(`side.${key}`)}
    </button>
  );
  return (
    <aside className="side" aria-label={t("side.label")}>
      <div className="tabs" role="tablist">
        {tab("inspector")}
        {tab("lesson")}
      </div>
      <div className="side-body" role="tabpanel">
        {panel === "inspector" ? <Inspector /> : <LessonPanel />}
      </div>
    </aside>
  );
}
