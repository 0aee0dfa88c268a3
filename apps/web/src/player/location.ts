/**
 * A recording named by the address: `#rec=` (the recording itself, in the fragment) or, in the
 * player, `?rec=URL` (a .zmqrec on the same static host). Refusals say why, as a toast; the page
 * stays as it was.
 */
import { isRecLinkFragment, readRecLinkFragment } from "@zmqp/recording";
import { i18n } from "../i18n/index.js";
import { openRecordingBytes } from "../replay/open.js";
import { appStore } from "../store/index.js";
import { PLAYER } from "./mode.js";

/** A `#rec=` link: replayed, or refused with its reason. False when the hash holds no recording link. */
async function openRecLink(hash: string): Promise<boolean> {
  if (!isRecLinkFragment(hash)) return false;
  const st = appStore.getState();
  const r = readRecLinkFragment(hash);
  if (!r.ok) {
    st.toast(
      "error",
      i18n.t("player.linkRefused", { reason: i18n.t(`player.linkReasons.${r.reason}`) }),
    );
    return true;
  }
  const opened = await openRecordingBytes(r.bytes, {
    kind: "link",
    name: i18n.t("player.fromLink"),
  });
  if (!opened.ok) st.toast("error", opened.message);
  return true;
}

/** Only a recording beside the player: `?rec=` must never make the page fetch from elsewhere. */
function sameOriginUrl(raw: string): URL | null {
  try {
    const url = new URL(raw, window.location.href);
    return url.origin === window.location.origin ? url : null;
  } catch {
    return null;
  }
}

/** Fetches and replays a .zmqrec by URL; the toast says why when it cannot. */
export async function openRecordingUrl(raw: string): Promise<boolean> {
  const st = appStore.getState();
  const url = sameOriginUrl(raw);
  if (!url) {
    st.toast("error", i18n.t("player.urlElsewhere", { url: raw }));
    return false;
  }
  let bytes: Uint8Array;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    st.toast("error", i18n.t("player.urlFailed", { url: raw, reason: (err as Error).message }));
    return false;
  }
  const opened = await openRecordingBytes(bytes, { kind: "url", name: raw });
  if (!opened.ok) st.toast("error", opened.message);
  return opened.ok;
}

/** Boot: what the address names, if anything. */
export async function openFromLocation(): Promise<void> {
  const { hash, search } = window.location;
  if (isRecLinkFragment(hash)) {
    // Read once: the link's payload is not left in the history.
    window.history.replaceState(null, "", window.location.pathname + search);
    await openRecLink(hash);
    return;
  }
  const rec = PLAYER ? new URLSearchParams(search).get("rec") : null;
  if (rec) await openRecordingUrl(rec);
}

/** A `#rec=` link pasted into a tab already open. */
export function followRecLinks(): void {
  window.addEventListener("hashchange", () => {
    const { hash } = window.location;
    if (!isRecLinkFragment(hash)) return;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    void openRecLink(hash);
  });
}
