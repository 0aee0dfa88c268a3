/**
 * The session token: read once from `?token=`, kept in sessionStorage (it survives a reload, not the
 * tab) and removed from the address bar so it does not end up in history, screenshots or bookmarks.
 */
const KEY = "zmqp.token";

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY) ?? "";
}

let token: string | undefined;

/** The token for this tab (read from the URL on first use). */
export function getToken(): string {
  token ??= takeToken();
  return token;
}
