/**
 * Reads a behaviour's zod params schema into form fields, so the inspector's form is built from the
 * same schema the engine validates with (one key, one registry entry). Through zod's public
 * `z.toJSONSchema`, which gives each field's type, bounds, default, options and description.
 */
import { z } from "zod";

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

/** The part of a JSON Schema property the form reads. */
interface Property {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  items?: Property;
}

/** One field per key of an object schema; kinds the form cannot edit are left out. */
export function fieldsOf(schema: z.ZodType): FieldSpec[] {
  // "input": what a person may write (defaulted keys are optional); "any" for parts JSON Schema
  // cannot say (a transform), which the form leaves out anyway.
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, Property>;
  };
  const out: FieldSpec[] = [];
  for (const [key, p] of Object.entries(json.properties ?? {})) {
    const h = p.description ? { help: p.description } : {};
    const def = p.default;
    if (p.type === "string" && Array.isArray(p.enum)) {
      const options = p.enum.filter((o): o is string => typeof o === "string");
      out.push({
        key,
        kind: "enum",
        def: typeof def === "string" ? def : (options[0] ?? ""),
        options,
        ...h,
      });
    } else if (p.type === "number" || p.type === "integer")
      out.push({
        key,
        kind: "number",
        def: typeof def === "number" ? def : 0,
        min: p.minimum ?? p.exclusiveMinimum,
        max: p.maximum ?? p.exclusiveMaximum,
        int: p.type === "integer",
        ...h,
      });
    else if (p.type === "string")
      out.push({ key, kind: "string", def: typeof def === "string" ? def : "", ...h });
    else if (p.type === "boolean") out.push({ key, kind: "boolean", def: def === true, ...h });
    else if (p.type === "array" && p.items?.type === "string")
      out.push({ key, kind: "strings", def: Array.isArray(def) ? (def as string[]) : [], ...h });
  }
  return out;
}
