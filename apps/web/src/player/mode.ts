/**
 * The static player (`pnpm build:player`): this same app, served with no gateway (the build marks
 * its page `data-zmqp-standalone`, see replay/standalone.ts). `?embed=1` is the player inside
 * someone else's page: the recording and its timeline only, no editing or file chrome.
 */
import { STANDALONE } from "../replay/standalone.js";

export const PLAYER: boolean = STANDALONE;

export const EMBED: boolean =
  PLAYER &&
  typeof window !== "undefined" &&
  new URLSearchParams(window.location.search).get("embed") === "1";

/** Where the build copies the committed recordings, next to the page, with their index. */
export const RECORDINGS_PATH = "recordings/";
