/**
 * The palette: roles grouped by pattern. Drag one onto the canvas, or click (Enter) to add it in
 * the middle of what the canvas shows, for keyboard users. The mini map sits at its foot.
 */
import { useReactFlow } from "@xyflow/react";
import { ROLES, ROLE_KEYS, type Role } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { ROLE_MIME } from "../canvas/Canvas.js";
import { GROUP_COLOR, GROUP_ORDER } from "../canvas/groups.js";
import { DEFAULT_NODE_SIZE } from "../canvas/layout.js";
import { MapPanel } from "../canvas/MapPanel.js";
import { appStore } from "../store/index.js";
import { freeSpot } from "../store/placement.js";

export function Palette() {
  const { t } = useTranslation();
  const rf = useReactFlow();

  const add = (role: Role) => {
    const r = document.querySelector(".canvas")?.getBoundingClientRect();
    const view = r
      ? {
          min: rf.screenToFlowPosition({ x: r.left, y: r.top }),
          max: rf.screenToFlowPosition({ x: r.right, y: r.bottom }),
        }
      : null;
    const size = DEFAULT_NODE_SIZE;
    const centre = view
      ? { x: (view.min.x + view.max.x) / 2, y: (view.min.y + view.max.y) / 2 }
      : { x: 400, y: 300 };
    const at = freeSpot(
      appStore.getState().doc,
      { x: centre.x - size.width / 2, y: centre.y - size.height / 2 },
      view && {
        x0: view.min.x,
        y0: view.min.y,
        x1: view.max.x - size.width,
        y1: view.max.y - size.height,
      },
    );
    const id = appStore.getState().addNode(role, at, t(`roles.${role}.label`));
    appStore.getState().select({ nodes: [id], links: [] });
    // Too crowded to find room in view: bring the new node into it, at the zoom the person chose.
    const inView =
      view &&
      at.x >= view.min.x &&
      at.y >= view.min.y &&
      at.x + size.width <= view.max.x &&
      at.y + size.height <= view.max.y;
    if (!inView)
      void rf.setCenter(at.x + size.width / 2, at.y + size.height / 2, {
        zoom: rf.getZoom(),
        duration: 200,
      });
  };

  return (
    <nav className="palette" aria-label={t("palette.title")} data-testid="palette">
      <div className="palette-roles">
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
      </div>
      <MapPanel />
    </nav>
  );
}
