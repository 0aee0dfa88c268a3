/** The toolbar: Run/Stop, templates, files, export, layout, history, step mode, speed, language. */
import { useReactFlow } from "@xyflow/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { openFile, saveFile, stop } from "../actions.js";
import { arrange } from "../canvas/arrange.js";
import type { LinkFlowEdge, ZmqFlowNode } from "../canvas/toFlow.js";
import { gateway } from "../gateway/session.js";
import { redo, undo, useApp, useHistory } from "../store/index.js";
import { ExportMenu } from "./ExportMenu.js";
import { StepControls } from "./StepControls.js";
import { RunButton } from "./RunButton.js";
import { TemplatesMenu } from "./TemplatesMenu.js";
import { ATTACH_URL } from "../attach/mode.js";
import { ShareButton } from "../share/ShareButton.js";
import { isRecordingFile, openRecordingFile, RECORDING_ACCEPT } from "../replay/openFile.js";
import { LanguagePicker } from "./LanguagePicker.js";

const SPEEDS = [0.25, 0.5, 1, 2, 4];

export function Toolbar() {
  const { t } = useTranslation();
  const rf = useReactFlow<ZmqFlowNode, LinkFlowEdge>();
  const running = useApp((s) => s.run.state === "running");
  const speed = useApp((s) => s.run.speed);
  const { canUndo, canRedo } = useHistory();
  const file = useRef<HTMLInputElement>(null);
  return (
    <header className="toolbar" role="toolbar" aria-label={t("toolbar.label")}>
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ØMQ
        </span>
        <span className="brand-name">{t("app.title")}</span>
      </div>
      <div className="group">
        <RunButton />
        <button
          type="button"
          className="btn"
          onClick={stop}
          disabled={!running}
          data-testid="toolbar.stop"
        >
          ■ {t("toolbar.stop")}
        </button>
        <span className={`state ${running ? "on" : ""}`} data-testid="toolbar.state">
          {running ? t("toolbar.running") : t("toolbar.idle")}
        </span>
      </div>
      <div className="group">
        <TemplatesMenu />
        <button
          type="button"
          className="btn"
          onClick={() => file.current?.click()}
          data-testid="toolbar.open"
          title={t("toolbar.openHint")}
        >
          {t("toolbar.open")}
        </button>
        <input
          ref={file}
          type="file"
          accept={`application/json,.json,${RECORDING_ACCEPT}`}
          hidden
          data-testid="toolbar.file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            // A recording opens as a replay; a graph as the person's document.
            if (f) void (isRecordingFile(f) ? openRecordingFile(f) : openFile(f));
            e.target.value = "";
          }}
        />
        <button
          type="button"
          className="btn"
          onClick={saveFile}
          data-testid="toolbar.save"
          title={t("toolbar.saveHint")}
        >
          {t("toolbar.save")}
        </button>
        <ExportMenu />
        <ShareButton />
        <button
          type="button"
          className="btn"
          data-testid="toolbar.layout"
          title={t("toolbar.layoutHint")}
          aria-keyshortcuts="L"
          onClick={() => arrange(rf)}
        >
          {t("toolbar.layout")}
        </button>
      </div>
      <div className="group">
        <button
          type="button"
          className="btn icon"
          onClick={undo}
          disabled={!canUndo}
          aria-label={t("toolbar.undo")}
          title={t("toolbar.undoHint")}
          data-testid="toolbar.undo"
        >
          ↶
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={redo}
          disabled={!canRedo}
          aria-label={t("toolbar.redo")}
          title={t("toolbar.redoHint")}
          data-testid="toolbar.redo"
        >
          ↷
        </button>
      </div>
      {running && <StepControls />}
      <div className="group spacer" />
      <a
        className="btn"
        href={ATTACH_URL}
        data-testid="toolbar.attach"
        title={t("attach.buttonHint")}
      >
        {t("attach.button")}
      </a>
      <label className="group small" title={t("toolbar.speed")}>
        <span className="speed-word">{t("toolbar.speed")}</span>
        <select
          aria-label={t("toolbar.speed")}
          value={speed}
          data-testid="toolbar.speed"
          onChange={(e) => {
            // The select shows the gateway's speed: it changes when the control event comes back.
            gateway.send({ type: "speed", factor: Number(e.target.value) });
          }}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t("toolbar.speedTimes", { speed: s })}
            </option>
          ))}
        </select>
      </label>
      <LanguagePicker />
    </header>
  );
}
