/** Edits the endpoints a socket binds: transport and address, one row per endpoint. */
import type { GraphNode, GraphSocket } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { nextFreePort } from "../store/graphOps.js";
import { appStore } from "../store/index.js";

const TRANSPORTS = ["tcp", "ipc", "inproc"] as const;
type T = (typeof TRANSPORTS)[number];

function splitEndpoint(ep: string): { transport: T; address: string } {
  const m = /^(tcp|ipc|inproc):\/\/(.*)$/.exec(ep);
  return m ? { transport: m[1] as T, address: m[2] ?? "" } : { transport: "tcp", address: ep };
}

export function BindEditor({ node, socket }: { node: GraphNode; socket: GraphSocket }) {
  const { t } = useTranslation();
  const ref = { node: node.id, socket: socket.id };
  const set = (bind: string[]) => appStore.getState().setBinds(ref, bind);
  const replace = (i: number, ep: string) => set(socket.bind.map((b, j) => (j === i ? ep : b)));
  const fresh = (transport: T) => {
    if (transport === "tcp") return `tcp://127.0.0.1:${nextFreePort(appStore.getState().doc)}`;
    return `${transport}://${node.id}-${socket.id}`;
  };
  return (
    <div className="binds">
      {socket.bind.length === 0 && <p className="muted small">{t("inspector.connectsOnly")}</p>}
      {socket.bind.map((ep, i) => {
        const { transport, address } = splitEndpoint(ep);
        const id = `bind-${node.id}-${socket.id}-${i}`;
        return (
          <div key={i} className="bind-row">
            <select
              aria-label={t("inspector.transport")}
              value={transport}
              onChange={(e) => replace(i, fresh(e.target.value as T))}
            >
              {TRANSPORTS.map((tr) => (
                <option key={tr} value={tr}>
                  {tr}
                </option>
              ))}
            </select>
            <input
              id={id}
              aria-label={t("inspector.address", { socket: socket.id })}
              data-testid={`inspector.bind.${socket.id}.${i}`}
              value={address}
              spellCheck={false}
              onChange={(e) => replace(i, `${transport}://${e.target.value}`)}
            />
            <button
              type="button"
              className="icon"
              aria-label={t("inspector.removeBind", { address: ep })}
              onClick={() => set(socket.bind.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        );
      })}
      {socket.type !== "TCP" && (
        <button
          type="button"
          className="link-btn"
          onClick={() => set([...socket.bind, fresh("tcp")])}
        >
          + {t("inspector.addBind")}
        </button>
      )}
    </div>
  );
}
