/**
 * The UI benchmark's stress graph (issue 3, Performance): about 100 nodes, 150 links and ~5k
 * messages a second crossing links, on loopback tcp ports from `basePort` up.
 *
 * Twenty clusters side by side, alternately:
 * - pub-sub: one publisher and 4 subscribers; each subscriber also connects to the previous
 *   pub-sub cluster's publisher, so a publish crosses 8 links (5 nodes, 8 links);
 * - pipeline: one ventilator, 3 workers, one sink; the first worker also pulls from the previous
 *   pipeline's ventilator, so tasks cross clusters (5 nodes, 7 links; each task crosses 2 links).
 *
 * 10 + 10 clusters: 100 nodes, 150 links. Deliveries a second = 10 x 8 x publishes/s +
 * 10 x 2 x tasks/s; the defaults (25 ms and 10 ms) give 3,200 + 2,000 = 5,200.
 *
 * Laid out as a person would pack 100 nodes to read them on one screen: ten rows, each a pub-sub
 * cluster and a pipeline cluster side by side, on a grid as dense as the canvas's compact cards
 * allow (the canvas draws nodes compact where full ones have no room). At fit zoom on 1280x720
 * every name is at least 11 px high (e2e/layout.spec.ts).
 */
import type { GraphInput } from "@zmqp/protocol";

export interface StressOptions {
  clusters?: number;
  basePort?: number;
  publishIntervalMs?: number;
  taskIntervalMs?: number;
}

type NodeIn = GraphInput["nodes"][number];
type LinkIn = NonNullable<GraphInput["links"]>[number];

const SUBS = 4;
const WORKERS = 3;
/** Grid pitch on the canvas, px: a compact card (200 x ~70) and a gap. */
const COL = 224;
const ROW = 84;
/** Nodes per row: a pub-sub cluster and a pipeline cluster. */
const PER_ROW = 10;

export interface StressGraph {
  doc: GraphInput;
  /** Messages expected to cross a link each second, from the intervals. */
  expectedDeliveriesPerSecond: number;
}

export function stressGraph(options: StressOptions = {}): StressGraph {
  const clusters = options.clusters ?? 20;
  const basePort = options.basePort ?? 16000;
  const pubMs = options.publishIntervalMs ?? 25;
  const taskMs = options.taskIntervalMs ?? 10;
  const nodes: NodeIn[] = [];
  const links: LinkIn[] = [];
  const link = (from: [string, string], to: [string, string]) =>
    links.push({
      id: `l${links.length + 1}`,
      from: { node: from[0], socket: from[1] },
      to: { node: to[0], socket: to[1] },
    });
  let port = basePort;
  const tcp = () => `tcp://127.0.0.1:${port++}`;
  let prevPub: string | null = null;
  let prevVent: string | null = null;
  let pubs = 0;
  let vents = 0;

  // Slot i of the grid: row-major, so cluster c takes slots 5c..5c+4.
  let slot = 0;
  const next = () => {
    const i = slot++;
    return { x: (i % PER_ROW) * COL, y: Math.floor(i / PER_ROW) * ROW };
  };
  for (let c = 0; c < clusters; c++) {
    if (c % 2 === 0) {
      const pub = `pub-${c}`;
      pubs++;
      nodes.push({
        id: pub,
        role: "publisher",
        position: next(),
        sockets: [{ id: "pub", type: "PUB", bind: [tcp()] }],
        params: { intervalMs: pubMs, topics: ["a", "b"], payload: "{topic} {n}" },
      });
      for (let s = 0; s < SUBS; s++) {
        const sub = `sub-${c}-${s}`;
        nodes.push({
          id: sub,
          role: "subscriber",
          position: next(),
          sockets: [{ id: "sub", type: "SUB" }],
          params: { topics: [""] },
        });
        link([sub, "sub"], [pub, "pub"]);
        // The first pub-sub cluster's subscribers take the last publisher instead (a ring).
        link([sub, "sub"], [prevPub ?? `pub-${clusters - 2 + (clusters % 2)}`, "pub"]);
      }
      prevPub = pub;
    } else {
      const vent = `vent-${c}`;
      const sink = `sink-${c}`;
      vents++;
      nodes.push({
        id: vent,
        role: "ventilator",
        position: next(),
        sockets: [{ id: "push", type: "PUSH", bind: [tcp()] }],
        params: { intervalMs: taskMs, payload: "task {n}" },
      });
      const workersAt = [next(), next(), next()];
      nodes.push({
        id: sink,
        role: "sink",
        position: next(),
        sockets: [{ id: "pull", type: "PULL", bind: [tcp()] }],
      });
      for (let w = 0; w < WORKERS; w++) {
        const worker = `worker-${c}-${w}`;
        nodes.push({
          id: worker,
          role: "worker",
          position: workersAt[w],
          sockets: [
            { id: "pull", type: "PULL" },
            { id: "push", type: "PUSH" },
          ],
        });
        link([worker, "pull"], [vent, "push"]);
        link([worker, "push"], [sink, "pull"]);
        if (w === 0 && prevVent) link([worker, "pull"], [prevVent, "push"]);
      }
      prevVent = vent;
    }
  }
  // Close the pipeline ring too: the first pipeline's first worker pulls from the last ventilator.
  const firstVent = nodes.find((n) => n.role === "ventilator");
  if (firstVent && prevVent && prevVent !== firstVent.id) {
    const c = Number(firstVent.id.slice("vent-".length));
    link([`worker-${c}-0`, "pull"], [prevVent, "push"]);
  }

  const doc: GraphInput = {
    version: 1,
    name: "ui-stress",
    title: "UI benchmark stress graph",
    description: `${nodes.length} nodes, ${links.length} links, loopback tcp from port ${basePort}`,
    nodes,
    links,
  };
  return {
    doc,
    expectedDeliveriesPerSecond: Math.round(
      pubs * SUBS * 2 * (1000 / pubMs) + vents * 2 * (1000 / taskMs),
    ),
  };
}
