/**
 * The engine's public surface. The gateway, the CLI, the bench and the tests use only this.
 * Implementation: `runtime.ts` and friends. Keep this file the contract; change it with care.
 */
import type { LinkAccount } from "./accounts.js";
import type {
  DeployResult,
  GraphDoc,
  LinkCounters,
  NodeAction,
  NodeCounters,
  QueueListing,
  RuntimeEvent,
  RuntimeSnapshot,
} from "@zmqp/protocol";

/** Injected time source, so timer-driven behaviour can be tested without sleeping (XState's SimulatedClock idea). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RuntimeOptions {
  /** Allow binds on non-loopback addresses (`--allow-external`). Default false. */
  allowExternal?: boolean;
  /** Folder ipc:// names live in (created if missing). Default: a fresh folder under the OS temp dir. */
  ipcDir?: string;
  /** sendTimeout on every socket, ms: some ZeroMQ states block forever (REP send-before-receive). Default 2000. */
  sendTimeoutMs?: number;
  /** Time source; the real clock by default. */
  clock?: Clock;
}

/** The one deploy answer, engine to page (defined in protocol; re-exported for the engine's users). */
export type { DeployResult } from "@zmqp/protocol";

export interface Runtime {
  /** Subscribes to every event; returns the unsubscribe function. Listeners must not throw. */
  on(listener: (event: RuntimeEvent) => void): () => void;
  /**
   * Deploys a document as a diff against what runs. The document is trusted: it was parsed and
   * validated once, at the boundary it came in through (`parseGraph`: the gateway, the CLI).
   */
  deploy(doc: GraphDoc): Promise<DeployResult>;
  /** Closes every socket (linger 0); the runtime can deploy again afterwards. */
  stop(): Promise<void>;
  nodeAction(node: string, action: NodeAction, payload?: string): Promise<void>;
  /** `cut` really disconnects the link's connecting socket; `restore` reconnects. `latencyMs` delays delivery on the link. */
  linkAction(link: string, action: "cut" | "restore", latencyMs?: number): Promise<void>;
  /**
   * Wire inspector: routes a tcp link through a relay (its connecting socket disconnects from the
   * real endpoint and dials the relay) that decodes ZMTP both ways into `wire` events.
   */
  watchLink(link: string): Promise<void>;
  /** Stops watching: the connecting socket dials the real endpoint again. The capture is kept. */
  unwatchLink(link: string): Promise<void>;
  /** The bytes captured on a watched link as a pcap file; null when it was never watched. */
  capturePcap(link: string): Uint8Array | null;
  /** Step mode: `hold` queues every behaviour send; `next` releases exactly one; `release` lets all go. */
  step(action: "hold" | "next" | "release"): void;
  /** Multiplies the speed of every behaviour interval (2 = twice as fast). */
  setSpeed(factor: number): void;
  /** The exact counters now. */
  counters(): { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> };
  /** Per link and direction: sent = received + dropped (by reason) + in flight (accounts.ts). */
  accounts(): LinkAccount[];
  /**
   * List queue: the oldest messages in flight (at most 100) on `link` sent by its end `from`
   * (`node/socket`); null when nothing runs or the link has no such end that sends.
   */
  queue(link: string, from: string): QueueListing | null;
  /** Everything a newly connected page needs. */
  snapshot(): RuntimeSnapshot;
  /** Stops and releases everything; the runtime cannot be used afterwards. */
  close(): Promise<void>;
}
