/**
 * Reads a behaviour's zod params schema into form fields, so the inspector's form is built from the
 * same schema the engine validates with (one key, one registry entry).
 */

export type FieldSpec =
  | {
      key: string;
      kind: "number";
      def: number;
      min?: number;
      max?: number;
      int: boolean;
      help?: string;
    }
  | { key: string; kind: "string"; def: string; help?: string }
  | { key: string; kind: "boolean"; def: boolean; help?: string }
  | { key: string; kind: "enum"; def: string; options: string[]; help?: string }
  | { key: string; kind: "strings"; def: string[]; help?: string };

/** Loose view of zod 4 internals: only what the form needs. */
interface Zish {
  description?: string;
  def: { type: string; innerType?: Zish; defaultValue?: unknown; element?: Zish };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: readonly string[];
  shape?: Record<string, Zish>;
}

function finite(n: number | null | undefined): number | undefined {
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** One field per key of a strict object schema; unknown kinds are left out of the form. */
export function fieldsOf(schema: unknown): FieldSpec[] {
  const shape = (schema as unknown as Zish).shape ?? {};
  const out: FieldSpec[] = [];
  for (const [key, outer] of Object.entries(shape)) {
    let inner: Zish = outer;
    let def: unknown;
    let help = outer.description;
    while (inner.def.type === "default" || inner.def.type === "optional") {
      if (inner.def.type === "default") def = inner.def.defaultValue;
      inner = inner.def.innerType!;
      help ??= inner.description;
    }
    const h = help ? { help } : {};
    switch (inner.def.type) {
      case "number":
        out.push({
          key,
          kind: "number",
          def: typeof def === "number" ? def : 0,
          min: finite(inner.minValue),
          max: finite(inner.maxValue),
          int: inner.isInt ?? false,
          ...h,
        });
        break;
      case "string":
        out.push({ key, kind: "string", def: typeof def === "string" ? def : "", ...h });
        break;
      case "boolean":
        out.push({ key, kind: "boolean", def: def === true, ...h });
        break;
      case "enum": {
        const options = [...(inner.options ?? [])];
        out.push({
          key,
          kind: "enum",
          def: typeof def === "string" ? def : (options[0] ?? ""),
          options,
          ...h,
        });
        break;
      }
      case "array":
        if (inner.def.element?.def.type === "string")
          out.push({
            key,
            kind: "strings",
            def: Array.isArray(def) ? (def as string[]) : [],
            ...h,
          });
        break;
      default:
        break;
    }
  }
  return out;
}
