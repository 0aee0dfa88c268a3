/**
 * The decoded ZMTP stream of one link as a table: one row per item (direction, connection,
 * summary with its flags), each expandable to one row per field with its raw bytes beside it.
 */
import type { ZmtpItemView } from "@zmqp/protocol";
import { Fragment } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { WireRow } from "./wireSlice.js";

/** Short badges that make the protocol's moving parts visible at a glance. */
function badges(item: ZmtpItemView): string[] {
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

/**
 * An item in the reader's language, from its decoded fields (the decoder's own `summary` is English):
 * `full` names everything (the row's accessible name), `rest` leaves out what the badges say.
 * What the bytes carry (properties, topics, text) stays verbatim.
 */
function describeItem(item: ZmtpItemView, t: TFunction): { full: string; rest: string } {
  const quoted = item.text !== undefined ? ` ${JSON.stringify(item.text)}` : "";
  const cut = item.summary.endsWith("…") ? "…" : "";
  switch (item.kind) {
    case "signature": {
      const text = t("wire.items.signature");
      return { full: text, rest: text };
    }
    case "greeting": {
      if (!item.version) break;
      const server = item.asServer ? " as-server" : "";
      const full = t("wire.items.greeting", {
        version: item.version,
        mechanism: item.mechanism ?? "",
      });
      return { full: full + server, rest: t("wire.items.greetingShort") + server };
    }
    case "frame": {
      if (item.part === undefined || item.size === undefined) break;
      const sub = item.subscription;
      if (sub?.form === "message") {
        const text = t("wire.items.subscriptionMessage", {
          action: sub.action,
          topic: JSON.stringify(sub.topic),
          byte: sub.action === "subscribe" ? "\\x01" : "\\x00",
        });
        return { full: text, rest: text };
      }
      const more = item.more ? " MORE" : "";
      const p = { part: item.part, size: item.size };
      return {
        full: t("wire.items.frame", { ...p, more }) + quoted + cut,
        rest: t("wire.items.frame", { ...p, more: "" }) + quoted + cut,
      };
    }
    case "command":
      if (item.command && item.summary.startsWith(item.command))
        return { full: item.summary, rest: item.summary.slice(item.command.length).trim() };
      break;
    default:
      break;
  }
  return { full: item.summary, rest: item.summary };
}

function Fields({ item }: { item: ZmtpItemView }) {
  const { t } = useTranslation();
  if (item.fields.length === 0)
    return (
      <p className="help" data-verbatim>
        {item.summary}
      </p>
    );
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
              <span data-verbatim>{f.name}</span>
            </th>
            <td className="wire-value" data-verbatim>
              {f.value === "" ? <i className="muted">""</i> : f.value}
            </td>
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
          const said = describeItem(r.item, t);
          return (
            <Fragment key={r.key}>
              <tr
                className={`wire-row kind-${r.item.kind} ${r.direction} ${expanded ? "open" : ""}`}
                data-testid="wire.row"
                data-kind={r.item.kind}
                data-direction={r.direction}
              >
                <td className="wire-dir" title={dir}>
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
                    aria-label={t("wire.details", { summary: said.full })}
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
                    <span className="wire-text">{said.rest}</span>
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
