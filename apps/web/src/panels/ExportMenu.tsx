/** The Export menu: the graph as a zip of runnable pyzmq or zeromq.js programs (exportZip.ts). */
import type { ExportLanguage } from "@zmqp/export";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { download, exportZip } from "../exportZip.js";
import { appStore, useApp } from "../store/index.js";
import { useClickOutside } from "./useClickOutside.js";

const LANGUAGES: ExportLanguage[] = ["python", "node"];

export function ExportMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [compose, setCompose] = useState(false);
  const [onlySelected, setOnlySelected] = useState(false);
  const selected = useApp((s) => s.selection.nodes);
  const ref = useClickOutside(open, () => setOpen(false));

  const run = (language: ExportLanguage) => {
    const st = appStore.getState();
    if (st.doc.nodes.length === 0) return st.toast("error", t("toast.emptyGraph"));
    const partial = onlySelected && selected.length > 0;
    const r = exportZip(st.doc, { language, compose, ...(partial ? { nodes: selected } : {}) });
    if (!r.ok) return st.toast("error", t("export.failed", { reason: r.reason }));
    download(r.file, r.bytes);
    setOpen(false);
    st.toast("info", t("export.done", { file: r.file }));
  };

  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="toolbar.export"
        onClick={() => setOpen(!open)}
      >
        {t("export.menu")} ▾
      </button>
      {open && (
        <div className="menu-list export-menu" role="menu" aria-label={t("export.title")}>
          <p className="menu-head">
            <b>{t("export.title")}</b>
            <span className="muted small">{t("export.hint")}</span>
          </p>
          {LANGUAGES.map((language) => (
            <button
              key={language}
              type="button"
              role="menuitem"
              data-testid={`export.${language}`}
              onClick={() => run(language)}
            >
              <b>{t(`export.${language}`)}</b>
              <span className="muted small">{t(`export.${language}Hint`)}</span>
            </button>
          ))}
          <label className="menu-check">
            <input
              type="checkbox"
              checked={compose}
              data-testid="export.compose"
              onChange={(e) => setCompose(e.target.checked)}
            />
            {t("export.compose")}
          </label>
          {selected.length > 0 && (
            <label className="menu-check">
              <input
                type="checkbox"
                checked={onlySelected}
                data-testid="export.selected"
                onChange={(e) => setOnlySelected(e.target.checked)}
              />
              {t("export.selected", { count: selected.length })}
            </label>
          )}
        </div>
      )}
    </div>
  );
}
