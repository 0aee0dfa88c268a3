/** The behaviour params form, built from the zod schema of the node's behaviour. */
import { BEHAVIOURS, ROLES, type GraphNode } from "@zmqp/protocol";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { appStore } from "../store/index.js";
import { fieldsOf, type FieldSpec } from "./schemaFields.js";

function StringsField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string[];
  onChange(v: string[]): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="strings" id={id}>
      {value.map((s, i) => (
        <div key={i} className="strings-row">
          <input
            value={s}
            placeholder={t("inspector.emptyString")}
            aria-label={`${label} ${i + 1}`}
            onChange={(e) => onChange(value.map((x, j) => (j === i ? e.target.value : x)))}
          />
          <button
            type="button"
            className="icon"
            aria-label={t("inspector.removeItem", { item: s || t("inspector.emptyString") })}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-btn" onClick={() => onChange([...value, ""])}>
        + {t("inspector.addItem")}
      </button>
    </div>
  );
}

function Field({ node, f }: { node: GraphNode; f: FieldSpec }) {
  const behaviour = ROLES[node.role].behaviour;
  const { t } = useTranslation();
  const id = `param-${node.id}-${f.key}`;
  const raw = node.params[f.key];
  const set = (v: unknown) => appStore.getState().setNodeParam(node.id, f.key, v);
  const label = t(`params.${f.key}`, { defaultValue: f.key });
  let input;
  switch (f.kind) {
    case "number":
      input = (
        <input
          id={id}
          type="number"
          value={typeof raw === "number" ? raw : f.def}
          min={f.min}
          max={f.max}
          step={f.int ? 1 : "any"}
          onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      );
      break;
    case "string":
      input = (
        <input
          id={id}
          value={typeof raw === "string" ? raw : f.def}
          onChange={(e) => set(e.target.value)}
        />
      );
      break;
    case "boolean":
      input = (
        <input
          id={id}
          type="checkbox"
          checked={typeof raw === "boolean" ? raw : f.def}
          onChange={(e) => set(e.target.checked)}
        />
      );
      break;
    case "enum":
      input = (
        <select
          id={id}
          value={typeof raw === "string" ? raw : f.def}
          onChange={(e) => set(e.target.value)}
        >
          {f.options.map((o) => (
            <option key={o} value={o}>
              {t(`paramOptions.${f.key}.${o}`, { defaultValue: o })}
            </option>
          ))}
        </select>
      );
      break;
    case "strings":
      input = (
        <StringsField
          id={id}
          label={label}
          value={Array.isArray(raw) ? (raw as string[]) : f.def}
          onChange={(v) => set(v)}
        />
      );
      break;
  }
  return (
    <div className={`field field-${f.kind}`}>
      <label htmlFor={id}>{label}</label>
      {input}
      {f.help && (
        <p className="help">{t(`paramHelp.${behaviour}.${f.key}`, { defaultValue: f.help })}</p>
      )}
    </div>
  );
}

export function ParamsForm({ node }: { node: GraphNode }) {
  const { t } = useTranslation();
  const behaviour = ROLES[node.role].behaviour;
  const fields = useMemo(() => fieldsOf(BEHAVIOURS[behaviour].params), [behaviour]);
  if (fields.length === 0) return <p className="muted">{t("inspector.noParams")}</p>;
  return (
    <div className="params">
      {fields.map((f) => (
        <Field key={f.key} node={node} f={f} />
      ))}
    </div>
  );
}
