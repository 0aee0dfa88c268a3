/**
 * Just enough YAML for a compose file: maps, lists and scalars, block style, every string
 * double-quoted (JSON's string escapes are valid YAML), comments only as leading lines. The
 * package stays dependency-free; its tests parse the output with a real YAML parser.
 */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const RESERVED_KEYS = /^(true|false|yes|no|on|off|null|y|n)$/i;

const key = (k: string) => (PLAIN_KEY.test(k) && !RESERVED_KEYS.test(k) ? k : JSON.stringify(k));

function scalar(v: string | number | boolean): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

function lines(value: YamlValue, depth: number): string[] {
  const pad = "  ".repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) =>
      item !== null && typeof item === "object"
        ? (() => {
            const [first = "", ...rest] = lines(item, depth + 1);
            return [`${pad}- ${first.trimStart()}`, ...rest];
          })()
        : [`${pad}- ${scalar(item)}`],
    );
  }
  if (typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => {
      if (
        v !== null &&
        typeof v === "object" &&
        (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)
      )
        return [`${pad}${key(k)}:`, ...lines(v, depth + 1)];
      if (v !== null && typeof v === "object")
        return [`${pad}${key(k)}: ${Array.isArray(v) ? "[]" : "{}"}`];
      return [`${pad}${key(k)}: ${scalar(v)}`];
    });
  }
  return [`${pad}${scalar(value)}`];
}

/** A YAML document; `comment` lines come first, each as `# line`. */
export function toYaml(value: YamlValue, comment: string[] = []): string {
  return [...comment.map((c) => (c ? `# ${c}` : "#")), ...lines(value, 0)].join("\n") + "\n";
}
