/** The shape of a behaviour's definition (behaviours.ts): its palette roles and capabilities. */
import type { z } from "zod";
import type { SocketType } from "./socket-types.js";

export type PatternGroup = "request-reply" | "pub-sub" | "pipeline" | "raw" | "outside";

export interface RoleSocket {
  id: string;
  type: SocketType;
  /** Whether this socket normally binds (true) or connects (false); only a default for new nodes. */
  binds: boolean;
}

/** One palette entry: a role runs one behaviour with these sockets. */
export interface PaletteRole {
  /** A new node's label when the page gives none (the page says `roles.<role>.label`). */
  label: string;
  group: PatternGroup;
  sockets: readonly RoleSocket[];
}

/** What the layers do differently for a behaviour; absent means false. */
export interface Capabilities {
  /** "Send now" means something: it sends on its own or by hand (the node's ✉ action). */
  sendsOnDemand?: boolean;
  /**
   * Its sockets belong to a program the playground does not run: the engine opens nothing, its
   * binds are that program's addresses (not narrowed to loopback, not checked for clashes or the
   * loopback rule, but a link that dials one is), it has no run controls, and its sockets may be
   * of any type.
   */
  outside?: boolean;
  /** It runs whatever zeromq socket it is given (not STREAM, not raw TCP), not only its roles'. */
  anyZmqSocket?: boolean;
  /**
   * Where its SUB and XSUB sockets' subscriptions come from: its `topics` param (a subscriber), or
   * the subscribers it serves downstream, forwarded as they arrive (a proxy). The engine follows
   * them to tell a message filtered out from one lost.
   */
  subscribes?: "topics" | "downstream";
}

export interface BehaviourDefinition {
  params: z.ZodObject;
  roles: Readonly<Record<string, PaletteRole>>;
  capabilities: Capabilities;
  /** The English of the phrases only this behaviour says (its engine file's logs); see text-en.ts. */
  phrases?: Readonly<Record<string, string>>;
}
