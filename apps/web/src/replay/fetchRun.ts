/** The run's exact recording from the gateway (GET /api/recording), as bytes. */
import { getToken } from "../gateway/token.js";

export async function fetchRunRecording(): Promise<Uint8Array> {
  const token = getToken();
  const res = await fetch("/api/recording", {
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
    cache: "no-store",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
  return new Uint8Array(await res.arrayBuffer());
}
