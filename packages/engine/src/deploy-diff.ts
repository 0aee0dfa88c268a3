/** The deploy diff lives in protocol, so the page names the nodes "Apply changes" restarts by the same rule. */
export { diffDocs } from "@zmqp/protocol";
