/**
 * Whether the page runs with no gateway at all (the static player): set by the page that hosts it,
 * `<html data-zmqp-standalone>`, so the player is this same bundle with the gateway client left
 * unconnected. Then nothing dials a WebSocket or fetches /api, and only recordings are shown.
 */
export const STANDALONE: boolean =
  typeof document !== "undefined" && document.documentElement.hasAttribute("data-zmqp-standalone");
