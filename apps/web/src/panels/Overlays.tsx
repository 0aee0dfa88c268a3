/** Things that float over the page: the disconnect banner, toasts, and the refused-Run dialog. */
import { ERROR_CODES } from "@zmqp/protocol";
import { useEffect } from "react";
import { run } from "../actions.js";
import { useTranslation } from "react-i18next";
import { getToken } from "../gateway/token.js";
import { sayWith } from "../i18n/say.js";
import { appStore, useApp } from "../store/index.js";

export function Banner() {
  const { t } = useTranslation();
  const show = useApp((s) => s.everConnected && s.connection !== "open");
  const never = useApp((s) => !s.everConnected && s.connection === "closed");
  const refusedBy = useApp((s) => (s.connection === "open" ? null : s.refusedBy));
  if (refusedBy)
    return (
      <div className="banner" role="alert" data-testid="banner.refused">
        {t(`banner.${refusedBy === "ZMQP_ERR_TOO_MANY_TABS" ? "tooManyTabs" : "tabBehind"}`)}
      </div>
    );
  if (!show && !never) return null;
  // Without the session token every request is refused: say where the token comes from.
  const text = show
    ? t("banner.disconnected")
    : getToken()
      ? t("banner.noGateway")
      : t("banner.noToken");
  return (
    <div className="banner" role="status" data-testid="banner.disconnected">
      {text}
    </div>
  );
}

function ToastItem({ id, kind, text }: { id: number; kind: string; text: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(
      () => appStore.getState().dismissToast(id),
      kind === "error" ? 7000 : 4000,
    );
    return () => clearTimeout(timer);
  }, [id, kind]);
  return (
    <div
      className={`toast ${kind}`}
      role={kind === "error" ? "alert" : "status"}
      data-testid="toast"
    >
      <span>{text}</span>
      <button
        type="button"
        className="icon"
        aria-label={t("toast.dismiss")}
        onClick={() => appStore.getState().dismissToast(id)}
      >
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  return (
    <div className="toasts">
      {toasts.map((x) => (
        <ToastItem key={x.id} {...x} />
      ))}
    </div>
  );
}

export function RunBlockers() {
  const { t } = useTranslation();
  const list = useApp((s) => s.runBlockers);
  const allowExternal = useApp((s) => s.allowExternal);
  if (!list) return null;
  // Refused only for binds other machines could reach: the local half can still run, narrowed.
  const onlyExternal =
    !allowExternal && list.length > 0 && list.every((d) => d.code === ERROR_CODES.EXTERNAL_BIND);
  const close = () => appStore.getState().setRunBlockers(null);
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="blockers-title"
        data-testid="run.blockers"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="blockers-title">{t("run.refused")}</h2>
        <ul className="diags">
          {list.map((d, i) => (
            <li key={i} className="error" title={t(`errors.${d.code}`)}>
              <code>{d.code}</code> {sayWith(t, d.phrase)}
            </li>
          ))}
        </ul>
        {onlyExternal && (
          <div className="loopback-offer">
            <p>{t("run.loopbackHint")}</p>
            <button
              type="button"
              className="btn run"
              data-testid="run.loopback"
              onClick={() => run({ loopback: true })}
            >
              ▶ {t("run.loopback")}
            </button>
          </div>
        )}
        <button type="button" className="btn" onClick={close} autoFocus>
          {t("run.close")}
        </button>
      </div>
    </div>
  );
}

/**
 * This page opened while the gateway was running a graph. The same graph: say it still runs (the
 * gateway keeps it after a tab closes, until the last tab has been gone a while). Another graph:
 * say so, and offer to view it (Undo brings the canvas's own back) or to keep this one (Run then
 * replaces what runs).
 */
export function RunningNotice() {
  const { t } = useTranslation();
  const notice = useApp((s) => (s.run.state === "running" ? s.runningNotice : null));
  if (!notice) return null;
  const st = appStore.getState();
  const dismiss = () => st.setRunningNotice(null);
  return (
    <div
      className={`notice ${notice}`}
      role="status"
      data-testid="running.notice"
      data-kind={notice}
    >
      <span>{t(notice === "same" ? "running.same" : "running.differs")}</span>
      {notice === "differs" && (
        <button
          type="button"
          className="btn"
          data-testid="running.view"
          onClick={() => {
            const doc = appStore.getState().run.doc;
            if (doc) appStore.getState().loadDoc(doc);
            dismiss();
          }}
        >
          {t("running.view")}
        </button>
      )}
      <button type="button" className="btn" data-testid="running.dismiss" onClick={dismiss}>
        {t(notice === "differs" ? "running.keep" : "running.ok")}
      </button>
    </div>
  );
}
