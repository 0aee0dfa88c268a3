/** Saves a link's capture (GET /api/links/:id/pcap, with the session token) as `<link>.pcap`. */
import { getToken } from "../gateway/token.js";

export async function downloadPcap(link: string): Promise<void> {
  const res = await fetch(`/api/links/${encodeURIComponent(link)}/pcap`, {
    headers: { Authorization: `Bearer ${getToken()}` },
  });
  if (!res.ok) {
    // The gateway explains (e.g. "never watched") in a JSON body; fall back to the status.
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${link}.pcap`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
