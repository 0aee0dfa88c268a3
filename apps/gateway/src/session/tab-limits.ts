/**
 * What a page may cost the gateway, for /ws and /ws/attach alike: a cap on open tabs, and a bound
 * on the bytes queued for each. Batches check the bound themselves (Batcher stops sending to a
 * tab that does not drain); every other reply (welcome, rejected, pong) goes through
 * `BoundedSocket`, so a tab that never reads but keeps asking cannot grow the gateway's memory.
 */
import { english, ERROR_CODES, phrase, type ServerMessage } from "@zmqp/protocol";
import type { WebSocket } from "ws";

/** Close codes (4000-4999 are the application's). */
export const CLOSE_BEHIND = 4408;
export const CLOSE_TOO_MANY_TABS = 4409;

export const TAB_DEFAULTS = {
  maxTabs: 32,
  /** Bytes the gateway keeps queued for one tab; the Batcher uses the same bound. */
  maxBacklogBytes: 1024 * 1024,
  /** Replies dropped in a row (the tab over its bound) before it is closed. */
  maxDroppedReplies: 20,
};

/** Counts the open tabs of both routes; a tab over the cap is told why and closed. */
export class TabSlots {
  open = 0;
  constructor(readonly max: number = TAB_DEFAULTS.maxTabs) {}

  /** True when the socket may stay; false when it was refused (and is being closed). */
  take(socket: WebSocket): boolean {
    if (this.open >= this.max) {
      const p = phrase("limit.tabs", { limit: this.max });
      const refusal: ServerMessage = {
        type: "rejected",
        code: ERROR_CODES.TOO_MANY_TABS,
        message: english(p),
      };
      socket.send(JSON.stringify(refusal));
      socket.close(CLOSE_TOO_MANY_TABS, ERROR_CODES.TOO_MANY_TABS);
      return false;
    }
    this.open++;
    socket.once("close", () => this.open--);
    return true;
  }
}

/** A tab's socket, whose replies count against its bound. */
export class BoundedSocket {
  private droppedInARow = 0;
  /** Replies not sent because the tab was over its bound (tests and stats read it). */
  dropped = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly maxBacklogBytes: number = TAB_DEFAULTS.maxBacklogBytes,
  ) {}

  /** Sends unless the bytes already queued plus these would pass the bound. */
  reply(message: ServerMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const text = JSON.stringify(message);
    if (this.socket.bufferedAmount + text.length > this.maxBacklogBytes) {
      this.dropped++;
      // Still asking, still not reading: closed, with the code as the reason (the page says it
      // in its language: limit.tabBehind).
      if (++this.droppedInARow > TAB_DEFAULTS.maxDroppedReplies)
        this.socket.close(CLOSE_BEHIND, ERROR_CODES.TAB_BEHIND);
      return;
    }
    this.droppedInARow = 0;
    this.socket.send(text);
  }

  /** A batch: the Batcher has checked the bound before building it. */
  batch(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
