/** The templates menu: the files of `scenarios/`, listed by the gateway. */
import { localized } from "@zmqp/protocol";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { openTemplate } from "../actions.js";
import { listTemplates, type TemplateInfo } from "../gateway/api.js";
import { useApp } from "../store/index.js";
import { useClickOutside } from "./useClickOutside.js";

/** Fetches the list once the gateway answers (again after a reconnect if it had failed). */
export function useTemplates(): TemplateInfo[] {
  const [list, setList] = useState<TemplateInfo[]>([]);
  const open = useApp((s) => s.connection === "open");
  useEffect(() => {
    if (!open || list.length) return;
    let live = true;
    listTemplates()
      .then((l) => live && setList(l))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open, list.length]);
  return list;
}

export function TemplatesMenu() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const locale = useApp((s) => s.locale);
  const [open, setOpen] = useState(false);
  const ref = useClickOutside(open, () => setOpen(false));
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="toolbar.templates"
        onClick={() => setOpen(!open)}
      >
        {t("toolbar.templates")} ▾
      </button>
      {open && (
        <ul className="menu-list" role="menu" aria-label={t("toolbar.templates")}>
          {templates.length === 0 && <li className="muted pad">{t("toolbar.noTemplates")}</li>}
          {templates.map((tp) => (
            <li key={tp.name} role="none">
              <button
                type="button"
                role="menuitem"
                data-testid={`template.${tp.name}`}
                onClick={() => {
                  setOpen(false);
                  void openTemplate(tp.name);
                }}
              >
                <b>{localized(tp.title, locale) ?? tp.name}</b>
                {tp.description && (
                  <span className="muted small">{localized(tp.description, locale)}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
