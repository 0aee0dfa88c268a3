/**
 * What a node card says about its pipes: a full one replaces the detail line ("blocked: pipe to
 * worker-2 full", or dropping), in red, so a full pipe is unmistakable on the node as well as on
 * the link; and the node's messages a second next to its counters.
 */
import { useTranslation } from "react-i18next";
import { sayWith } from "../i18n/say.js";
import { useApp } from "../store/index.js";
import { nameOf, nodePipes } from "../store/queuesSlice.js";
import { shortRate } from "../store/rates.js";
import { shown } from "../replay/shown.js";
import { pipeCardKey } from "./pipeCardKey.js";

export interface PipeLineText {
  state: "blocked" | "dropping";
  /** On the card: short enough for its one line. */
  text: string;
  /** The engine's whole sentence (the high-water marks, what happens to the sends). */
  title: string;
}

/**
 * The node's worst pipe and what it says. The selectors return the engine's object (replaced only
 * by a `pipe` event) and a name: the sentence is built on render, not on every batch.
 */
export function usePipeLine(id: string): PipeLineText | null {
  const { t } = useTranslation();
  const p = useApp((s) => nodePipes(shown(s).queues, id)[0]);
  const peerId = p?.reason?.params?.peer;
  const peer = useApp((s) => (typeof peerId === "string" ? nameOf(s, peerId) : ""));
  if (!p || p.state === "ok") return null;
  // The engine names the peer by id: the card says what the canvas calls it.
  const params = peer ? { ...p.reason.params, peer } : p.reason?.params;
  if (!p.reason?.key) {
    const text = t(`queue.state.${p.state}`);
    return { state: p.state, text, title: text };
  }
  const title = sayWith(t, { ...p.reason, params });
  return { state: p.state, text: sayWith(t, { key: pipeCardKey(p.reason.key), params }), title };
}

export function PipeLine({ id, pipe }: { id: string; pipe: PipeLineText }) {
  return (
    <div
      className={`zn-detail zn-pipe ${pipe.state}`}
      title={pipe.title}
      data-testid={`node.${id}.pipe`}
      data-state={pipe.state}
    >
      {pipe.text}
    </div>
  );
}

/** Messages a second, sent and received, from the engine's counters (rates.ts). */
export function NodeRate({ id }: { id: string }) {
  const { t } = useTranslation();
  const rate = useApp((s) => shortRate(shown(s).rates.nodes[id] ?? 0));
  const some = useApp((s) => (shown(s).rates.nodes[id] ?? 0) > 0);
  if (!some) return null;
  return (
    <span
      className="zn-rate"
      title={t("counters.rateTitle", { rate })}
      data-testid={`node.${id}.liveRate`}
    >
      {t("counters.rate", { rate })}
    </span>
  );
}
