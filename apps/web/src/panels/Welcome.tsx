/** What an empty canvas shows a newcomer: the templates as big buttons and one hint line. */
import { localized } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { openTemplate } from "../actions.js";
import { useApp } from "../store/index.js";
import { useTemplates } from "./TemplatesMenu.js";

/** "01 · Hello world: REQ/REP over tcp" → "01 · Hello world" (also at "："): the card stays small. */
function shortTitle(title: string): string {
  return title.split(/[:：]/)[0]!.trim();
}

export function Welcome() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const locale = useApp((s) => s.locale);
  return (
    <div className="welcome" data-testid="welcome">
      <div className="welcome-card">
        <h2>{t("welcome.title")}</h2>
        <p className="welcome-hint" data-testid="welcome.hint">
          {t("welcome.hint")}
        </p>
        {templates.length > 0 && (
          <>
            <p className="muted small">{t("welcome.orTemplate")}</p>
            <div className="welcome-templates">
              {templates.map((tp) => {
                const title = localized(tp.title, locale) ?? tp.name;
                return (
                  <button
                    type="button"
                    key={tp.name}
                    className="welcome-template"
                    title={localized(tp.description, locale) || title}
                    aria-label={title}
                    data-testid={`welcome.template.${tp.name}`}
                    onClick={() => void openTemplate(tp.name)}
                  >
                    <b>{shortTitle(title)}</b>
                  </button>
                );
              })}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
