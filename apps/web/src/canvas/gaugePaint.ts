/**
 * Paints every link's gauge from one store subscription, writing to the page only what changed.
 *
 * A gauge per link as a React component cost the stress graph (150 links) most of its frames:
 * five selectors per gauge ran on every batch (60 a second), and every queues change re-rendered
 * 150 components. Here React renders each gauge's element once (QueueGauge.tsx), and this module
 * alone fills it in: when the store's queues, run or the language change, it computes each
 * gauge's model (gaugeModel.ts) and writes the fields that differ from what it last wrote. What a
 * gauge shows is always the store's last applied `queues` event, exactly, whatever the browser
 * manages to draw: nothing is skipped or sampled here, only unchanged text is not rewritten.
 */
import { i18n } from "../i18n/index.js";
import { appStore, type AppState } from "../store/index.js";
import {
  gaugeInputs,
  gaugeOf,
  gaugeTitle,
  type GaugeInputs,
  type GaugeModel,
} from "./gaugeModel.js";

type Part = "fill" | "num" | "of" | "state";

interface Entry {
  link: string;
  parts: Record<Part, HTMLElement>;
  /** What was last written, to write only what changed. */
  shown: GaugeModel | null;
  /** The last title written: the state's word, or (under the pointer) the full tooltip. */
  title: string;
  label: string;
}

const gauges = new Map<HTMLElement, Entry>();
let hovered: HTMLElement | null = null;
let unsubscribe: (() => void) | null = null;

/** Registers a gauge's element (rendered by QueueGauge) and paints it at once; returns detach. */
export function attachGauge(link: string, el: HTMLElement): () => void {
  const part = (name: Part) => {
    const found = el.querySelector<HTMLElement>(`[data-part="${name}"]`);
    if (!found) throw new Error(`gauge ${link}: part ${name} missing`);
    return found;
  };
  const parts = { fill: part("fill"), num: part("num"), of: part("of"), state: part("state") };
  gauges.set(el, { link, parts, shown: null, title: "", label: "" });
  if (!unsubscribe) unsubscribe = listen();
  paint(el, appStore.getState(), true);
  return () => {
    gauges.delete(el);
    if (hovered === el) hovered = null;
    if (gauges.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}

/** The pointer (or focus) is on a gauge, or left it (null): its tooltip says everything then. */
export function hoverGauge(el: HTMLElement | null): void {
  const before = hovered;
  hovered = el;
  const st = appStore.getState();
  if (before && before !== el) paint(before, st, true);
  if (el) paint(el, st, true);
}

function listen(): () => void {
  const unsubStore = appStore.subscribe((s, prev) => {
    // Only these replace what a gauge says; the rest of a batch (counters, the log) does not.
    // A timeline moment replaces replayView (its queues) and replay (running then).
    if (
      s.queues !== prev.queues ||
      s.run !== prev.run ||
      s.doc !== prev.doc ||
      s.replayView !== prev.replayView ||
      s.replay !== prev.replay
    )
      paintAll(s, false);
  });
  const relabel = () => paintAll(appStore.getState(), true);
  i18n.on("languageChanged", relabel);
  return () => {
    unsubStore();
    i18n.off("languageChanged", relabel);
  };
}

function paintAll(s: AppState, words: boolean) {
  const inputs = gaugeInputs(s);
  for (const el of gauges.keys()) paint(el, s, words, inputs);
}

/** `words`: rewrite the texts built from the locale files too (language or hover changed). */
function paint(el: HTMLElement, s: AppState, words: boolean, inputs: GaugeInputs = gaugeInputs(s)) {
  const e = gauges.get(el);
  if (!e) return;
  const m = gaugeOf(inputs, e.link);
  const was = e.shown;
  e.shown = m;
  if (!m) {
    el.hidden = true;
    return;
  }
  if (!was) el.hidden = false;
  if (!was || was.tone !== m.tone) el.className = `zq-gauge nodrag nopan ${m.tone}`;
  if (!was || was.inFlight !== m.inFlight) el.dataset.inFlight = String(m.inFlight);
  if (!was || was.total !== m.total) el.dataset.capacity = String(m.total);
  if (!was || was.tone !== m.tone) el.dataset.tone = m.tone;
  if (!was || was.state !== m.state) el.dataset.state = m.state;
  const { parts } = e;
  if (!was || was.fill !== m.fill) parts.fill.style.transform = `scaleX(${m.fill})`;
  if (!was || was.inFlight !== m.inFlight || was.exact !== m.exact)
    parts.num.textContent = `${m.exact ? "" : "≈"}${m.inFlight}`;
  if (!was || was.total !== m.total || was.tcp !== m.tcp)
    parts.of.textContent = `/${m.total}${m.tcp ? "+" : ""}`;
  const t = i18n.t;
  const stateChanged = !was || was.state !== m.state;
  if (stateChanged || words) {
    parts.state.hidden = m.state === "ok";
    parts.state.setAttribute("aria-label", t(`queue.state.${m.state}`));
  }
  if (!was || was.inFlight !== m.inFlight || was.total !== m.total || words) {
    const label = t("queue.gaugeLabel", { count: m.inFlight, total: m.total });
    if (label !== e.label) el.setAttribute("aria-label", (e.label = label));
  }
  // The full tooltip only under the pointer: 150 of them built on every change cost frames.
  if (hovered === el || stateChanged || words) {
    const title = hovered === el ? gaugeTitle(t, s, e.link) : t(`queue.state.${m.state}`);
    if (title !== e.title) el.title = e.title = title;
  }
}
