/** The numbers on a node card: sent, received, dropped (with reasons), errors, and its rate. */
import { useTranslation } from "react-i18next";
import { useApp, type AppState } from "../store/index.js";
import { NodeRate } from "./NodePipe.js";
import { shown } from "../replay/shown.js";

/**
 * Whether the run shown has numbers for node `id`: it counted something, or it is in the run at
 * all (it has a status). The engine makes a node's counters on its first message, but a node that
 * runs and has done nothing has sent and received 0, and its card says so.
 */
export function counted(s: AppState, id: string): boolean {
  const v = shown(s);
  return v.counters.nodes[id] !== undefined || v.status[id] !== undefined;
}

/** Counters read as primitives: a node re-renders only when one of its own numbers changes. */
export function Counters({ id, stale = false }: { id: string; stale?: boolean }) {
  const { t } = useTranslation();
  const has = useApp((s) => counted(s, id));
  const sent = useApp((s) => shown(s).counters.nodes[id]?.sent ?? 0);
  const received = useApp((s) => shown(s).counters.nodes[id]?.received ?? 0);
  const dropped = useApp((s) => shown(s).counters.nodes[id]?.dropped ?? 0);
  const errors = useApp((s) => shown(s).counters.nodes[id]?.errors ?? 0);
  const reasons = useApp((s) =>
    Object.entries(shown(s).counters.nodes[id]?.dropReasons ?? {})
      .map(([k, v]) => `${t(`dropReasons.${k}`, { defaultValue: k })}: ${v}`)
      .join(", "),
  );
  if (!has) return null;
  return (
    <div
      className={`zn-counters ${stale ? "stale" : ""}`}
      data-testid={`node.${id}.counters`}
      data-stale={stale ? "true" : undefined}
      title={stale ? t("counters.lastRun") : undefined}
    >
      <span title={t("counters.sent")}>
        ↑ <b data-testid={`node.${id}.sent`}>{sent}</b>
      </span>
      <span title={t("counters.received")}>
        ↓ <b data-testid={`node.${id}.received`}>{received}</b>
      </span>
      {dropped > 0 && (
        <span className="warn" title={reasons}>
          {t("counters.dropped")} <b>{dropped}</b>
        </span>
      )}
      {errors > 0 && (
        <span className="bad">
          {t("counters.errors")} <b>{errors}</b>
        </span>
      )}
      {!stale && <NodeRate id={id} />}
    </div>
  );
}
