/** On an observed SUB socket: the topics it subscribed to, as seen on the wire. */
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";

export function ObservedSubscriptions({ node, socket }: { node: string; socket: string }) {
  const { t } = useTranslation();
  // Joined to a string: a primitive selector, so the node re-renders only when the topics change.
  const topics = useApp(
    (s) =>
      s.attach.graph?.nodes
        .find((n) => n.id === node)
        ?.sockets.find((x) => x.id === socket)
        ?.subscriptions.map((x) => JSON.stringify(x))
        .join(" ") ?? "",
  );
  if (!topics) return null;
  return (
    <div className="zn-subs" data-testid={`node.${node}.subs.${socket}`}>
      {t("attach.subscribed", { topics })}
    </div>
  );
}
