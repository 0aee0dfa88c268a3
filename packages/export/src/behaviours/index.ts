/**
 * Every behaviour key's exported code: `behaviours/<key>/` holds `python.ts`, `node.ts` and
 * `summary.ts`. The map is typed by BehaviourKey, so a new behaviour without exported code does
 * not compile (and a test walks the keys too).
 */
import type { BehaviourKey } from "@zmqp/protocol";
import * as broker from "./broker/python.js";
import * as brokerNode from "./broker/node.js";
import * as brokerSummary from "./broker/summary.js";
import * as client from "./client/python.js";
import * as clientNode from "./client/node.js";
import * as clientSummary from "./client/summary.js";
import * as external from "./external/python.js";
import * as externalNode from "./external/node.js";
import * as externalSummary from "./external/summary.js";
import * as manual from "./manual/python.js";
import * as manualNode from "./manual/node.js";
import * as manualSummary from "./manual/summary.js";
import * as proxy from "./proxy/python.js";
import * as proxyNode from "./proxy/node.js";
import * as proxySummary from "./proxy/summary.js";
import * as publisher from "./publisher/python.js";
import * as publisherNode from "./publisher/node.js";
import * as publisherSummary from "./publisher/summary.js";
import * as rawTcp from "./raw-tcp/python.js";
import * as rawTcpNode from "./raw-tcp/node.js";
import * as rawTcpSummary from "./raw-tcp/summary.js";
import * as server from "./server/python.js";
import * as serverNode from "./server/node.js";
import * as serverSummary from "./server/summary.js";
import * as sink from "./sink/python.js";
import * as sinkNode from "./sink/node.js";
import * as sinkSummary from "./sink/summary.js";
import * as streamServer from "./stream-server/python.js";
import * as streamServerNode from "./stream-server/node.js";
import * as streamServerSummary from "./stream-server/summary.js";
import * as subscriber from "./subscriber/python.js";
import * as subscriberNode from "./subscriber/node.js";
import * as subscriberSummary from "./subscriber/summary.js";
import type { BehaviourExport } from "./types.js";
import * as ventilator from "./ventilator/python.js";
import * as ventilatorNode from "./ventilator/node.js";
import * as ventilatorSummary from "./ventilator/summary.js";
import * as worker from "./worker/python.js";
import * as workerNode from "./worker/node.js";
import * as workerSummary from "./worker/summary.js";

const entry = (
  key: BehaviourKey,
  py: { python: BehaviourExport["python"] },
  nd: { node: BehaviourExport["node"] },
  about: { summary: BehaviourExport["summary"] },
): BehaviourExport => ({ key, python: py.python, node: nd.node, summary: about.summary });

export const BEHAVIOUR_EXPORTS: Record<BehaviourKey, BehaviourExport> = {
  client: entry("client", client, clientNode, clientSummary),
  server: entry("server", server, serverNode, serverSummary),
  broker: entry("broker", broker, brokerNode, brokerSummary),
  publisher: entry("publisher", publisher, publisherNode, publisherSummary),
  subscriber: entry("subscriber", subscriber, subscriberNode, subscriberSummary),
  proxy: entry("proxy", proxy, proxyNode, proxySummary),
  ventilator: entry("ventilator", ventilator, ventilatorNode, ventilatorSummary),
  worker: entry("worker", worker, workerNode, workerSummary),
  sink: entry("sink", sink, sinkNode, sinkSummary),
  manual: entry("manual", manual, manualNode, manualSummary),
  "stream-server": entry("stream-server", streamServer, streamServerNode, streamServerSummary),
  "raw-tcp": entry("raw-tcp", rawTcp, rawTcpNode, rawTcpSummary),
  external: entry("external", external, externalNode, externalSummary),
};
