/**
 * The palette: roles grouped by pattern. Drag one onto the canvas, or click (Enter) to add it at the
 * centre of the view, for keyboard users.
 */
import { useReactFlow } from "@xyflow/react";
import { ROLES, ROLE_KEYS, type Role } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { ROLE_MIME } from "../canvas/Canvas.js";
import { GROUP_COLOR, GROUP_ORDER } from "../canvas/groups.js";
import { appStore } from "../store/index.js";
import { freeSpot } from "../store/placement.js";

export function Palette() {
  const { t } = useTranslation();
  const rf = useReactFlow();

  const add = (role: Role) => {
    const el = document.querySelector(".canvas");
    const r = el?.getBoundingClientRect();
    const centre = rf.screenToFlowPosition(
      r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : { x: 400, y: 300 },
    );
    const at = freeSpot(appStore.getState().doc, { x: centre.x - 110, y: centre.y - 60 });
    const id = appStore.getState().addNode(role, at);
    appStore.getState().select({ nodes: [id], links: [] });
  };

  return (
    <nav className="palette" aria-label={t("palette.title")} data-testid="palette">
      <h2 className="panel-title">{t("palette.title")}</h2>
      {GROUP_ORDER.map((group) => {
        const roles = ROLE_KEYS.filter((k) => ROLES[k].group === group);
        if (roles.length === 0) return null;
        return (
          <section key={group} className="palette-group" aria-label={t(`groups.${group}`)}>
            <h3 style={{ color: GROUP_COLOR[group] }}>{t(`groups.${group}`)}</h3>
            <ul>
              {roles.map((role) => {
                const spec = ROLES[role];
                const name = t(`roles.${role}.label`);
                return (
                  <li key={role}>
                    <button
                      type="button"
                      className="palette-item"
                      draggable
                      aria-label={t("palette.add", { role: name })}
                      title={t(`roles.${role}.hint`)}
                      data-testid={`palette.${role}`}
                      onDragStart={(e) => {
                        e.dataTransfer.setData(ROLE_MIME, role);
                        e.dataTransfer.effectAllowed = "copy";
                      }}
                      onClick={() => add(role)}
                    >
                      <span className="swatch" style={{ background: GROUP_COLOR[group] }} />
                      <span className="palette-name">{name}</span>
                      <span className="palette-types">
                        {spec.sockets.map((s) => s.type).join(" + ")}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <p className="palette-tip">{t("palette.tip")}</p>
    </nav>
  );
}
