/** What each palette role is made of: its sockets, which of them bind by default, and its behaviour. */
import type { BehaviourKey } from "./behaviours.js";
import type { SocketType } from "./socket-types.js";

export type PatternGroup = "request-reply" | "pub-sub" | "pipeline" | "raw" | "outside";

export interface RoleSocket {
  id: string;
  type: SocketType;
  /** Whether this socket normally binds (true) or connects (false); only a default for new nodes. */
  binds: boolean;
}

export interface RoleSpec {
  label: string;
  group: PatternGroup;
  behaviour: BehaviourKey;
  sockets: RoleSocket[];
  /** One line for the palette tooltip. */
  hint: string;
}

export const ROLES = {
  client: {
    label: "Client",
    group: "request-reply",
    behaviour: "client",
    sockets: [{ id: "req", type: "REQ", binds: false }],
    hint: "REQ: sends a request, waits for the reply",
  },
  server: {
    label: "Server",
    group: "request-reply",
    behaviour: "server",
    sockets: [{ id: "rep", type: "REP", binds: true }],
    hint: "REP: receives a request, sends one reply",
  },
  broker: {
    label: "Broker",
    group: "request-reply",
    behaviour: "broker",
    sockets: [
      { id: "frontend", type: "ROUTER", binds: true },
      { id: "backend", type: "DEALER", binds: true },
    ],
    hint: "ROUTER frontend for clients, DEALER backend for workers",
  },
  dealer: {
    label: "Dealer",
    group: "request-reply",
    behaviour: "manual",
    sockets: [{ id: "dealer", type: "DEALER", binds: false }],
    hint: "DEALER: asynchronous, round-robins its sends",
  },
  router: {
    label: "Router",
    group: "request-reply",
    behaviour: "manual",
    sockets: [{ id: "router", type: "ROUTER", binds: true }],
    hint: "ROUTER: sees each peer's routing id",
  },
  publisher: {
    label: "Publisher",
    group: "pub-sub",
    behaviour: "publisher",
    sockets: [{ id: "pub", type: "PUB", binds: true }],
    hint: "PUB: sends topics to every subscriber",
  },
  subscriber: {
    label: "Subscriber",
    group: "pub-sub",
    behaviour: "subscriber",
    sockets: [{ id: "sub", type: "SUB", binds: false }],
    hint: "SUB: receives the topics it subscribed to",
  },
  ventilator: {
    label: "Ventilator",
    group: "pipeline",
    behaviour: "ventilator",
    sockets: [{ id: "push", type: "PUSH", binds: true }],
    hint: "PUSH: hands tasks out round-robin",
  },
  worker: {
    label: "Worker",
    group: "pipeline",
    behaviour: "worker",
    sockets: [
      { id: "pull", type: "PULL", binds: false },
      { id: "push", type: "PUSH", binds: false },
    ],
    hint: "PULL a task, work, PUSH the result on",
  },
  sink: {
    label: "Sink",
    group: "pipeline",
    behaviour: "sink",
    sockets: [{ id: "pull", type: "PULL", binds: true }],
    hint: "PULL: collects results fairly from all workers",
  },
  pair: {
    label: "Pair",
    group: "raw",
    behaviour: "manual",
    sockets: [{ id: "pair", type: "PAIR", binds: false }],
    hint: "PAIR: exactly one peer",
  },
  "stream-server": {
    label: "STREAM server",
    group: "raw",
    behaviour: "stream-server",
    sockets: [{ id: "stream", type: "STREAM", binds: true }],
    hint: "STREAM: talks raw TCP, one routing id per connection",
  },
  "raw-tcp-client": {
    label: "Raw TCP client",
    group: "raw",
    behaviour: "raw-tcp",
    sockets: [{ id: "tcp", type: "TCP", binds: false }],
    hint: "Plain TCP (no ZeroMQ): shows the bytes it gets",
  },
  external: {
    label: "External peer",
    group: "outside",
    behaviour: "external",
    sockets: [{ id: "peer", type: "REP", binds: true }],
    hint: "A socket owned by another program, language or host",
  },
} as const satisfies Record<string, RoleSpec>;

export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];
