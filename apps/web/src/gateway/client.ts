/**
 * The WebSocket session with the gateway. partysocket reconnects by itself; every (re)open sends
 * hello, and the welcome's snapshot resyncs the page. Batches are applied at most one per animation
 * frame, so a burst of events never costs more than one store update per frame.
 */
import {
  PROTOCOL_VERSION,
  type ClientMessage,
  type EventOf,
  type RuntimeEvent,
  type RuntimeSnapshot,
  type ServerMessage,
} from "@zmqp/protocol";
import ReconnectingWebSocket from "partysocket/ws";
import { i18n } from "../i18n/index.js";
import type { AppStore } from "../store/index.js";
import { routeWire, trimWire } from "../wire/route.js";

/** Close codes the gateway refuses a tab with (apps/gateway/src/session/tab-limits.ts). */
const REFUSALS: Record<number, string> = {
  4408: "ZMQP_ERR_TAB_BEHIND",
  4409: "ZMQP_ERR_TOO_MANY_TABS",
};
import { getToken } from "./token.js";

type Batch = { events: RuntimeEvent[]; sampled: number };
export type MessageEvent_ = EventOf<"message">;

/** Queued batches beyond this (a hidden tab gets no animation frames) are folded into one. */
const MAX_QUEUE = 120;
/** Message events kept when folding; counters and status are never dropped. */
const KEEP_MESSAGES = 500;

export interface ClientHooks {
  /** Called on each welcome; `first` is true for the first one of this page. */
  onWelcome?(snapshot: RuntimeSnapshot, first: boolean): void;
  /** Called with each applied batch's events (Attach mode takes its observed graph here). */
  onBatch?(events: RuntimeEvent[]): void;
  /**
   * Asked before each message is sent; false refuses it (the hook says why). A replay refuses
   * what would change the running graph; the run's past goes back to live first.
   */
  beforeSend?(msg: ClientMessage): boolean;
  /** The WebSocket path: `/ws` (the runtime) or `/ws/attach` (an observed system). */
  path?: string;
}

export class GatewayClient {
  private ws: ReconnectingWebSocket | null = null;
  private queue: Batch[] = [];
  private frame = 0;
  private welcomed = false;
  private readonly messageListeners = new Set<(events: MessageEvent_[]) => void>();

  constructor(
    private readonly store: AppStore,
    private readonly hooks: ClientHooks = {},
  ) {}

  connect(): void {
    if (this.ws) return;
    const url = () => {
      const proto = window.location.protocol === "https:" ? "wss" : "ws";
      const token = getToken();
      const query = token ? `?token=${encodeURIComponent(token)}` : "";
      return `${proto}://${window.location.host}${this.hooks.path ?? "/ws"}${query}`;
    };
    const ws = new ReconnectingWebSocket(url, [], {
      minReconnectionDelay: 300,
      maxReconnectionDelay: 3000,
      reconnectionDelayGrowFactor: 1.5,
      connectionTimeout: 3000,
      // Hello is sent per connection on open; nothing else should be replayed from a queue.
      maxEnqueuedMessages: 0,
    });
    ws.addEventListener("open", () => {
      this.raw({ type: "hello", protocol: PROTOCOL_VERSION });
    });
    ws.addEventListener("close", (ev) => {
      this.queue = [];
      this.welcomed = false;
      this.store.getState().setConnection("closed", REFUSALS[ev.code] ?? null);
    });
    ws.addEventListener("message", (ev) => {
      if (typeof ev.data === "string") this.receive(ev.data);
    });
    this.ws = ws;
  }

  close(): void {
    this.ws?.close();
    this.ws = null;
    cancelAnimationFrame(this.frame);
  }

  /** Sends a message when connected; false (and a toast) when the gateway is not there. */
  send(msg: ClientMessage): boolean {
    if (this.hooks.beforeSend && !this.hooks.beforeSend(msg)) return false;
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN || !this.welcomed) {
      this.store.getState().toast("error", i18n.t("gateway.notConnected"));
      return false;
    }
    this.raw(msg);
    return true;
  }

  /** Subscribes to the message events of each applied batch (the particle layer). */
  onMessages(fn: (events: MessageEvent_[]) => void): () => void {
    this.messageListeners.add(fn);
    return () => this.messageListeners.delete(fn);
  }

  private raw(msg: ClientMessage) {
    this.ws?.send(JSON.stringify(msg));
  }

  private receive(data: string) {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    const st = this.store.getState();
    switch (msg.type) {
      case "welcome": {
        const first = !st.everConnected;
        this.queue = [];
        st.setAllowExternal(msg.allowExternal);
        st.applySnapshot(msg.snapshot);
        st.applyQueuesSnapshot(msg.snapshot);
        st.syncWatched(msg.snapshot.watchedLinks ?? []);
        st.setConnection("open", null);
        this.welcomed = true;
        this.hooks.onWelcome?.(msg.snapshot, first);
        break;
      }
      case "batch":
        this.enqueue({ events: msg.events, sampled: msg.sampled });
        break;
      case "deployed":
        st.setDeployDiagnostics(msg.diagnostics);
        st.setRunBlockers(null);
        break;
      case "rejected":
        // Refused as one tab too many: the banner says so, for as long as it lasts.
        if (msg.code === "ZMQP_ERR_TOO_MANY_TABS") break;
        st.setDeployDiagnostics(msg.diagnostics ?? []);
        if (msg.diagnostics?.some((d) => d.severity === "error"))
          st.setRunBlockers(msg.diagnostics.filter((d) => d.severity === "error"));
        else st.toast("error", i18n.t(`errors.${msg.code}`));
        break;
      case "incompatible":
        st.toast("error", i18n.t("gateway.incompatible"));
        break;
      default:
        break;
    }
  }

  private enqueue(batch: Batch) {
    this.queue.push(batch);
    if (this.queue.length > MAX_QUEUE) this.queue = [fold(this.queue)];
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Applies one batch (or, when behind, the backlog folded into one) per animation frame. */
  private flush() {
    this.frame = 0;
    if (this.queue.length === 0) return;
    const batch = this.queue.length > 4 ? fold(this.queue) : this.queue[0]!;
    this.queue = this.queue.length > 4 ? [] : this.queue.slice(1);
    this.hooks.onBatch?.(batch.events);
    this.store.getState().applyBatch(batch.events, batch.sampled);
    routeWire(batch.events, this.store, (m) => this.send(m));
    this.store.getState().applyQueues(batch.events);
    const messages = batch.events.filter((e): e is MessageEvent_ => e.type === "message");
    if (messages.length) for (const fn of this.messageListeners) fn(messages);
    if (this.queue.length) this.frame = requestAnimationFrame(() => this.flush());
  }
}

/** Folds batches into one: every non-message event, the newest message events, the rest counted as sampled. */
export function fold(batches: Batch[]): Batch {
  const events: RuntimeEvent[] = [];
  let sampled = 0;
  let messages = 0;
  for (const b of batches) {
    sampled += b.sampled;
    for (const e of b.events) if (e.type === "message") messages++;
  }
  let skip = Math.max(0, messages - KEEP_MESSAGES);
  sampled += skip;
  for (const b of batches)
    for (const e of b.events) {
      if (e.type === "message" && skip > 0) {
        skip--;
        continue;
      }
      events.push(e);
    }
  return { events: trimWire(events), sampled };
}
