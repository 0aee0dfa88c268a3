/**
 * What a node card says about its pipes: a full one replaces the detail line ("blocked: HWM 1000
 * reached on worker-2", or dropping), in red, so a full pipe is unmistakable on the node as well as
 * on the link; and the node's messages a second next to its counters.
 */
import { useTranslation } from "react-i18next";
import { sayWith } from "../i18n/say.js";
import { useApp } from "../store/index.js";
import { nodePipes } from "../store/queuesSlice.js";
import { shortRate } from "../store/rates.js";

/** The node's worst pipe as `state\u0000text` ("" when every pipe is fine). */
export function usePipeLine(id: string): { state: "blocked" | "dropping"; text: string } | null {
  const { t } = useTranslation();
  const line = useApp((s) => {
    const p = nodePipes(s.queues, id)[0];
    if (!p || p.state === "ok") return "";
    const text = p.reason?.key ? sayWith(t, p.reason) : t(`queue.state.${p.state}`);
    return `${p.state}\u0000${text}`;
  });
  if (!line) return null;
  const [state, text] = line.split("\u0000") as ["blocked" | "dropping", string];
  return { state, text };
}

export function PipeLine({ id, pipe }: { id: string; pipe: { state: string; text: string } }) {
  return (
    <div
      className={`zn-detail zn-pipe ${pipe.state}`}
      title={pipe.text}
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
  const rate = useApp((s) => shortRate(s.rates.nodes[id] ?? 0));
  const some = useApp((s) => (s.rates.nodes[id] ?? 0) > 0);
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
