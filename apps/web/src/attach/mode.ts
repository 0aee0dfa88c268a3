/**
 * Attach mode: the page draws a system the playground did not start (`/?mode=attach`), from the
 * gateway's /ws/attach stream, and nothing in it can be changed. Decided once when the page loads.
 */
export const ATTACH_MODE =
  typeof window !== "undefined" &&
  new URLSearchParams(window.location.search).get("mode") === "attach";

/** Where the Attach button leads, and where Promote and "back" lead (the editor). */
export const ATTACH_URL = "/?mode=attach";
export const EDITOR_URL = "/";

/** The editor reads a promoted document from here once (same tab), then forgets it. */
export const PROMOTED_KEY = "zmqp.promoted.v1";
