/** What a message is, by the socket type that sent it: the particle colour and the log's word. */
import type { MessageKind, SocketType } from "@zmqp/protocol";

export function kindFor(sender: SocketType | null): MessageKind {
  switch (sender) {
    case "REQ":
    case "DEALER":
      return "request";
    case "REP":
    case "ROUTER":
      return "reply";
    case "PUB":
    case "XPUB":
      return "publish";
    case "PUSH":
      return "task";
    default:
      return "data";
  }
}
