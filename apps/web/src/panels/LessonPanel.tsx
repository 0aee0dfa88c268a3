/** The lesson of the open template, in the current language (English when no translation exists). */
import { localized } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { Markdown } from "./markdown.js";

export function LessonPanel() {
  const { t } = useTranslation();
  const lesson = useApp((s) => s.doc.lesson);
  const locale = useApp((s) => s.locale);
  const title = useApp((s) => localized(s.doc.title, locale) ?? s.doc.name);
  const text = lesson?.[locale] ?? lesson?.en ?? lesson?.["zh-TW"];
  return (
    <article className="lesson" data-testid="lesson" lang={lesson?.[locale] ? locale : "en"}>
      {title && (
        <h2 className="lesson-title" data-testid="lesson.title">
          {title}
        </h2>
      )}
      {text ? <Markdown source={text} /> : <p className="muted">{t("lesson.none")}</p>}
    </article>
  );
}
