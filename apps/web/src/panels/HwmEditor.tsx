/**
 * A socket's high-water marks, both directions, in the inspector. Edited here they change the
 * document; a running graph takes them through Apply changes (a diff, like any other edit).
 */
import { LIMITS, type GraphNode, type GraphSocket } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { appStore } from "../store/index.js";

type Key = "sendHighWaterMark" | "receiveHighWaterMark";
const MAX = 1_000_000;

/** The socket's options with one HWM set, or removed (the default) when `value` is null. */
export function withHwm(socket: GraphSocket, key: Key, value: number | null): GraphSocket {
  const options = { ...(socket.options ?? {}) };
  if (value === null) delete options[key];
  else options[key] = Math.max(0, Math.min(MAX, Math.round(value)));
  const { options: _old, ...rest } = socket;
  return Object.keys(options).length ? { ...rest, options } : rest;
}

export function HwmEditor({ node, socket }: { node: GraphNode; socket: GraphSocket }) {
  const { t } = useTranslation();
  const set = (key: Key, raw: string) => {
    const value = raw.trim() === "" ? null : Number(raw);
    if (value !== null && !Number.isFinite(value)) return;
    appStore.getState().patchNode(node.id, (n) => ({
      ...n,
      sockets: n.sockets.map((s) => (s.id === socket.id ? withHwm(s, key, value) : s)),
    }));
  };
  const field = (key: Key, label: string, short: string) => {
    const id = `hwm-${node.id}-${socket.id}-${short}`;
    return (
      <div className="hwm-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="number"
          min={0}
          max={MAX}
          step={100}
          value={socket.options?.[key] ?? ""}
          placeholder={String(LIMITS.highWaterMark)}
          onChange={(e) => set(key, e.target.value)}
          data-testid={`inspector.${socket.id}.${short}`}
        />
      </div>
    );
  };
  return (
    <div className="hwm" data-testid={`inspector.${socket.id}.hwm`}>
      {field("sendHighWaterMark", t("queue.sendHwm"), "sndhwm")}
      {field("receiveHighWaterMark", t("queue.recvHwm"), "rcvhwm")}
      <p className="help">{t("queue.hwmHelp", { hwm: LIMITS.highWaterMark })}</p>
    </div>
  );
}
