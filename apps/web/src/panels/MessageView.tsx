/** Every frame of the selected message, as text and hex, with envelope frames marked. */
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { shown } from "../replay/shown.js";

/** Hex bytes in groups of two, for reading. */
function spacedHex(hex: string): string {
  return hex.replace(/(..)(?=.)/g, "$1 ");
}

export function MessageView() {
  const { t } = useTranslation();
  const msg = useApp((s) => {
    const e =
      s.selectedMessage === null
        ? undefined
        : shown(s).log.find((x) => x.seq === s.selectedMessage);
    return e?.type === "message" ? e : undefined;
  });
  return (
    <section className="messageview" aria-label={t("message.title")} data-testid="messageview">
      <h2 className="panel-title">{t("message.title")}</h2>
      {!msg && <p className="muted pad">{t("message.none")}</p>}
      {msg && (
        <>
          <p className="small">
            <b>{t(`log.kinds.${msg.kind}`)}</b> · {msg.node}.{msg.socket} ·{" "}
            {msg.direction === "out" ? t("message.sent") : t("message.received")}
            {msg.link ? ` · ${msg.link}` : msg.external ? ` · ${t("message.external")}` : ""}
          </p>
          {msg.encrypted && (
            <p className="small attach-encrypted" data-testid="messageview.encrypted">
              {t("message.encrypted")}
            </p>
          )}
          <ol className="frames">
            {msg.frames.map((f, i) => {
              const envelope = f.role === "routing-id" || f.role === "delimiter";
              return (
                <li
                  key={i}
                  className={`frame ${envelope ? "envelope" : ""}`}
                  data-role={f.role ?? "body"}
                >
                  <div className="frame-head">
                    <span>
                      {t("message.frame", { n: i + 1 })} · {t("message.bytes", { count: f.size })}
                    </span>
                    {f.role && (
                      <span className={`chip role-${f.role}`}>{t(`message.roles.${f.role}`)}</span>
                    )}
                  </div>
                  <div className="frame-text" data-verbatim={f.text ? "" : undefined}>
                    {f.text !== undefined
                      ? f.text === ""
                        ? t("message.emptyFrame")
                        : f.text
                      : t("message.binary")}
                  </div>
                  <code className="frame-hex">{spacedHex(f.hex) || "—"}</code>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
