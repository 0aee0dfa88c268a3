/** Small helpers for writing code as text: literals, names, indentation. */

/**
 * A string literal valid in both Python and JavaScript. JSON escapes are a subset of both
 * languages' escapes; non-ASCII characters stay as they are (both read UTF-8 source).
 */
export const str = (s: string): string => JSON.stringify(s);

/** A Python literal for a JSON-like value (True/False/None instead of true/false/null). */
export function py(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return str(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(py).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${str(k)}: ${py(v)}`).join(", ")}}`;
}

/** A JavaScript literal for a JSON-like value. */
export function js(value: unknown): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(js).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0
      ? "{}"
      : `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : str(k)}: ${js(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** `req` → `REQ`, `front-end.1` → `FRONT_END_1`: a constant name for a socket id. */
export function constName(id: string): string {
  const name = id.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return /^[0-9]/.test(name) ? `S_${name}` : name;
}

/** `req` → `req`, `front-end` → `frontEnd`, `2nd` → `s2nd`: a variable name for a socket id. */
export function varName(id: string): string {
  const parts = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = parts.map((p, i) => (i === 0 ? p.toLowerCase() : cap(p))).join("") || "sock";
  return /^[0-9]/.test(name) ? `s${name}` : RESERVED.has(name) ? `${name}Sock` : name;
}

/** The same in Python style: `front-end` → `front_end`. */
export function pyName(id: string): string {
  const name =
    id
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "sock";
  return /^[0-9]/.test(name) ? `s_${name}` : RESERVED.has(name) ? `${name}_sock` : name;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/** Names a socket variable must not take in either language (keywords, our own helpers). */
const RESERVED = new Set([
  "import",
  "from",
  "for",
  "in",
  "is",
  "if",
  "else",
  "while",
  "with",
  "pass",
  "class",
  "def",
  "return",
  "new",
  "delete",
  "default",
  "function",
  "var",
  "let",
  "const",
  "zmq",
  "net",
  "socket",
  "sys",
  "os",
  "json",
  "time",
  "signal",
  "counters",
  "sockets",
  "poller",
  "ctx",
  "stop",
  "main",
  "count",
  "fill",
  "ready",
]);

/** A DNS label for a compose service: lowercase letters, digits and `-` (Kubernetes needs that). */
export function serviceName(id: string): string {
  const s = id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
  return /^[a-z]/.test(s) ? s : `n-${s}`.slice(0, 63);
}

/** Indents every non-empty line by `n` spaces. */
export function indent(text: string, n: number): string {
  const pad = " ".repeat(n);
  return text
    .split("\n")
    .map((l) => (l ? pad + l : l))
    .join("\n");
}

/** Joins code blocks with one blank line between them, dropping empty ones. */
export function blocks(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.trim() !== "").join("\n\n");
}

/** The one-line form of a comment text (no line breaks in generated comments). */
export const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
