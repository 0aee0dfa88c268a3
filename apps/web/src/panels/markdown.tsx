/**
 * A small markdown subset for lessons: headings (#), paragraphs, lists (- or 1.), `code`, **bold**
 * and [links](https://…). Rendered as React elements, never as HTML, so a template cannot inject markup.
 */
import type { ReactNode } from "react";

type Block =
  | { kind: "p"; text: string }
  | { kind: "h"; level: number; text: string }
  | { kind: "ul" | "ol"; items: string[] };

export function blocks(src: string): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push({ kind: "p", text: para.join(" ") });
    para = [];
  };
  for (const raw of src.split(/\r?\n/)) {
    const line = raw.trim();
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    const ul = /^[-*]\s+(.*)$/.exec(line);
    const ol = /^\d+[.)]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (h) {
      flush();
      out.push({ kind: "h", level: h[1]!.length, text: h[2]! });
    } else if (ul || ol) {
      flush();
      const kind = ul ? "ul" : "ol";
      const last = out.at(-1);
      const item = (ul ?? ol)![1]!;
      if (last && last.kind === kind) last.items.push(item);
      else out.push({ kind, items: [item] });
    } else {
      const last = out.at(-1);
      // A line right under a list item continues it.
      if (
        para.length === 0 &&
        last &&
        (last.kind === "ul" || last.kind === "ol") &&
        raw.startsWith(" ")
      )
        last.items[last.items.length - 1] += ` ${line}`;
      else para.push(line);
    }
  }
  flush();
  return out;
}

function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    if (m[1] !== undefined) parts.push(<code key={m.index}>{m[1]}</code>);
    else if (m[2] !== undefined) parts.push(<strong key={m.index}>{m[2]}</strong>);
    else
      parts.push(
        <a key={m.index} href={m[4]} target="_blank" rel="noreferrer noopener">
          {m[3]}
        </a>,
      );
    last = re.lastIndex;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function Markdown({ source }: { source: string }) {
  return (
    <>
      {blocks(source).map((b, i) => {
        if (b.kind === "p") return <p key={i}>{inline(b.text)}</p>;
        if (b.kind === "h")
          return b.level <= 2 ? (
            <h3 key={i}>{inline(b.text)}</h3>
          ) : (
            <h4 key={i}>{inline(b.text)}</h4>
          );
        const items = b.items.map((it, j) => <li key={j}>{inline(it)}</li>);
        return b.kind === "ul" ? <ul key={i}>{items}</ul> : <ol key={i}>{items}</ol>;
      })}
    </>
  );
}
