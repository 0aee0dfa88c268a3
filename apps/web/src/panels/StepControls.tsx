/**
 * Step mode on the toolbar: Hold sends; then Next, which names the send it releases (the oldest
 * held), the list of every held send (node, link, body), and Release. All of it is drawn from the
 * gateway's `control` events, so every tab shows the same held sends.
 */
import type { HeldSendView } from "@zmqp/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { gateway } from "../gateway/session.js";
import { nodeName } from "../i18n/names.js";
import { heldBody } from "../store/held.js";
import { useApp } from "../store/index.js";
import { useClickOutside } from "./useClickOutside.js";

function HeldList({
  held,
  total,
  name,
}: {
  held: HeldSendView[];
  total: number;
  name: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <ol
      className="menu-list held-list"
      data-testid="step.held.list"
      aria-label={t("step.heldTitle")}
    >
      {held.map((h, i) => (
        <li key={h.id} data-testid="step.held.item" className={i === 0 ? "next" : ""}>
          <b>{name(h.node)}</b> <span className="muted">{h.socket}</span>
          {h.links.length > 0 && <span className="muted"> → {h.links.join(" / ")}</span>}
          <span className="body">
            <bdi data-verbatim>“{heldBody(h)}”</bdi>
          </span>
          {i === 0 && <span className="tag">{t("step.releasedNext")}</span>}
        </li>
      ))}
      {total > held.length && (
        <li className="muted">{t("step.more", { count: total - held.length })}</li>
      )}
    </ol>
  );
}

export function StepControls() {
  const { t } = useTranslation();
  const stepMode = useApp((s) => s.run.stepMode);
  const held = useApp((s) => s.run.held);
  const total = useApp((s) => s.run.heldTotal);
  const locale = useApp((s) => s.locale);
  const nodes = useApp((s) => s.doc.nodes);
  /** A node as the canvas names it (its label), falling back to its id. */
  const name = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n ? nodeName(n, locale) : id;
  };
  const [open, setOpen] = useState(false);
  const ref = useClickOutside(open, () => setOpen(false));
  const step = (action: "hold" | "next" | "release") => gateway.send({ type: "step", action });
  const first = held[0];
  if (!stepMode)
    return (
      <div className="group" role="group" aria-label={t("toolbar.step")}>
        <button
          type="button"
          className="btn"
          onClick={() => step("hold")}
          data-testid="toolbar.step.hold"
          title={t("toolbar.holdHint")}
        >
          ❚❚ {t("toolbar.hold")}
        </button>
      </div>
    );
  return (
    <div className="group menu" role="group" aria-label={t("toolbar.step")} ref={ref}>
      <button
        type="button"
        className="btn primary-outline step-next"
        onClick={() => step("next")}
        disabled={!first}
        data-testid="toolbar.step.next"
        title={
          first
            ? t("step.nextHint", { node: name(first.node), body: heldBody(first) })
            : t("step.nothingHeld")
        }
      >
        ▶❚{" "}
        <span className="clip">
          {first ? t("step.nextNode", { node: name(first.node) }) : t("toolbar.next")}
        </span>
      </button>
      <button
        type="button"
        className="btn"
        aria-haspopup="true"
        aria-expanded={open}
        data-testid="step.held"
        onClick={() => setOpen(!open)}
        title={t("step.heldTitle")}
      >
        {t("step.heldCount", { count: total })} ▾
      </button>
      {open && <HeldList held={held} total={total} name={name} />}
      <button
        type="button"
        className="btn"
        onClick={() => step("release")}
        data-testid="toolbar.step.release"
        title={t("step.releaseHint")}
      >
        ▶ {t("toolbar.release")}
      </button>
    </div>
  );
}
