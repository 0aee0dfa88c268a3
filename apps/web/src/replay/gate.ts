/**
 * What the page may send while it shows a recording. Anything that changes the running graph
 * (run, stop, node and link actions, step mode, speed) returns to live first when the past shown is
 * the run's own, and is refused while a recording file is open (its sockets are not running: the
 * run is over) or when there is no gateway at all.
 */
import type { ClientMessage } from "@zmqp/protocol";
import { i18n } from "../i18n/index.js";
import { appStore } from "../store/index.js";
import { goLive, viewingRunPast } from "./control.js";
import { recordingOpen } from "./open.js";
import { STANDALONE } from "./standalone.js";

const CHANGES = new Set<ClientMessage["type"]>(["deploy", "stop", "node", "link", "step", "speed"]);

export function replayGate(msg: ClientMessage): boolean {
  if (!CHANGES.has(msg.type)) return !STANDALONE;
  if (STANDALONE || recordingOpen()) {
    appStore.getState().toast("info", i18n.t("replay.noActions"));
    return false;
  }
  if (viewingRunPast()) goLive();
  return true;
}
