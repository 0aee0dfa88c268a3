/** HTTP calls to the gateway, with the session token as a bearer header. */
import { parseGraph, type GraphDoc, type LocalizedText } from "@zmqp/protocol";
import { getToken } from "./token.js";

export interface TemplateInfo {
  name: string;
  /** One string, or one per language (the scenario files carry both). */
  title: LocalizedText;
  description?: LocalizedText;
}

export async function get<T>(path: string): Promise<T> {
  // No token in this tab: the gateway's cookie (set when the page was opened with ?token=) may still do.
  const token = getToken();
  const res = await fetch(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

type RawTemplate = string | { name: string; title?: LocalizedText; description?: LocalizedText };

/** The templates in `scenarios/`, in order. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  const raw = await get<RawTemplate[] | { templates: RawTemplate[] }>("/api/templates");
  const list = Array.isArray(raw) ? raw : raw.templates;
  return list.map((t) =>
    typeof t === "string"
      ? { name: t, title: t }
      : { name: t.name, title: t.title ?? t.name, description: t.description },
  );
}

/** One template as a document (parsed with the same schema as saved files). */
export async function loadTemplate(name: string): Promise<GraphDoc> {
  const raw = await get<unknown>(`/api/templates/${encodeURIComponent(name)}`);
  const body = raw && typeof raw === "object" && "doc" in raw ? (raw as { doc: unknown }).doc : raw;
  const parsed = parseGraph(body);
  if (!parsed.doc) throw new Error(parsed.diagnostics[0]?.message ?? `template ${name} is invalid`);
  return { ...parsed.doc, name: parsed.doc.name ?? name };
}
