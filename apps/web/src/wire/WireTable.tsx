/**
 * The decoded ZMTP stream of one link as a table: one row per item (direction, connection,
 * summary with its flags), each expandable to one row per field with its raw bytes beside it.
 */
import type { ZmtpItemView } from "@zmqp/protocol";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { WireRow } from "./wireSlice.js";

/** Short badges that make the protocol's moving parts visible at a glance. */
export function badges(item: ZmtpItemView): string[] {
  const out: string[] = [];
  if (item.kind === "command" && item.command) out.push(item.command);
  if (item.kind === "greeting") {
    if (item.version) out.push(`ZMTP ${item.version}`);
    if (item.mechanism) out.push(item.mechanism);
  }
  if (item.more) out.push("MORE");
  if (item.long) out.push("LONG");
  if (item.subscription) out.push(item.subscription.action.toUpperCase());
  // A SUBSCRIBE command is also a subscription: one badge.
  return [...new Set(out)];
}

/** The summary without what the badges already say. */
function rest(item: ZmtpItemView): string {
  if (item.kind === "command" && item.command && item.summary.startsWith(item.command))
    return item.summary.slice(item.command.length).trim();
  if (item.kind === "greeting" && item.version)
    return item.asServer ? "greeting as-server" : "greeting";
  if (item.kind === "frame" && item.more) return item.summary.replace(" MORE", "");
  return item.summary;
}

function Fields({ item }: { item: ZmtpItemView }) {
  const { t } = useTranslation();
  if (item.fields.length === 0) return <p className="help">{item.summary}</p>;
  return (
    <table className="wire-fields">
      <thead>
        <tr>
          <th scope="col">{t("wire.field")}</th>
          <th scope="col">{t("wire.value")}</th>
          <th scope="col">{t("wire.hex")}</th>
        </tr>
      </thead>
      <tbody>
        {item.fields.map((f, i) => (
          <tr key={i} data-testid="wire.field" data-name={f.name}>
            <th scope="row" title={t("wire.fieldAt", { offset: f.offset, length: f.length })}>
              {f.name}
            </th>
            <td className="wire-value">{f.value === "" ? <i className="muted">""</i> : f.value}</td>
            <td className="wire-hex">
              <code>{f.hex || "—"}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface WireTableProps {
  link: string;
  rows: WireRow[];
  open: ReadonlySet<number>;
  onToggle(key: number): void;
}

export function WireTable({ link, rows, open, onToggle }: WireTableProps) {
  const { t } = useTranslation();
  return (
    <table className="wire-table" data-testid="wire.table" aria-label={t("wire.table", { link })}>
      <thead>
        <tr>
          <th scope="col" className="wire-dir">
            <span className="sr-only">{t("wire.direction")}</span>
          </th>
          <th scope="col" className="wire-conn" title={t("wire.conn")}>
            #
          </th>
          <th scope="col">{t("wire.item")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const expanded = open.has(r.key);
          const dir = t(`wire.${r.direction}`);
          return (
            <Fragment key={r.key}>
              <tr
                className={`wire-row kind-${r.item.kind} ${r.direction} ${expanded ? "open" : ""}`}
                data-testid="wire.row"
                data-kind={r.item.kind}
                data-direction={r.direction}
              >
                <td className="wire-dir" title={`${r.direction}: ${dir}`}>
                  <span aria-hidden="true">{r.direction === "c2s" ? "→" : "←"}</span>
                  <span className="sr-only">{dir}</span>
                </td>
                <td className="wire-conn" title={t("wire.conn")}>
                  {r.conn}
                </td>
                <td>
                  <button
                    type="button"
                    className="wire-summary"
                    aria-expanded={expanded}
                    aria-label={t("wire.details", { summary: r.item.summary })}
                    onClick={() => onToggle(r.key)}
                  >
                    <span className="wire-caret" aria-hidden="true">
                      {expanded ? "▾" : "▸"}
                    </span>
                    {badges(r.item).map((b) => (
                      <span key={b} className={`wire-badge b-${b.split(" ")[0]}`}>
                        {b}
                      </span>
                    ))}
                    <span className="wire-text">{rest(r.item)}</span>
                  </button>
                </td>
              </tr>
              {expanded && (
                <tr className="wire-detail">
                  <td colSpan={3}>
                    <Fields item={r.item} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
