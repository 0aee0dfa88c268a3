/** Names and ports an export hands out: free tcp ports, and DNS-safe service names. */
import { parseEndpoint, type GraphDoc } from "@zmqp/protocol";
import { serviceName } from "./text.js";

/** First port handed to inproc (and, in compose, ipc) endpoints; graph ports are skipped. */
const FIRST_FREE_PORT = 5600;

/** Free tcp ports for endpoints that cannot stay as they are, never one the graph uses. */
export class PortPool {
  private used = new Set<number>();
  private given = new Map<string, number>();
  private next = FIRST_FREE_PORT;

  constructor(doc: GraphDoc) {
    for (const n of doc.nodes)
      for (const s of n.sockets)
        for (const raw of s.bind) {
          const p = parseEndpoint(raw);
          if (p.ok && p.endpoint.transport === "tcp") this.used.add(p.endpoint.port);
        }
  }

  take(id: string): number {
    const known = this.given.get(id);
    if (known) return known;
    while (this.used.has(this.next)) this.next++;
    const port = this.next++;
    this.used.add(port);
    this.given.set(id, port);
    return port;
  }
}

/** DNS-safe, unique service names (node ids may hold `.` and `_`, which DNS names may not). */
export class ServiceNames {
  private taken = new Set<string>();
  take(id: string): string {
    const base = serviceName(id);
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}-${i}`;
    this.taken.add(name);
    return name;
  }
}
