/**
 * `validateGraph`: the one set of rules used by the canvas (as you wire), the gateway (before deploy)
 * and the CLI. Pure: no I/O. Each finding carries a stable code and a one-line reason.
 */
import type { z } from "zod";
import { parseParams } from "./behaviours.js";
import type { Diagnostic } from "./diagnostics.js";
import { parseEndpoint, bindsCollide, isLoopbackHost, type ParsedEndpoint } from "./endpoint.js";
import { ERROR_CODES as E } from "./errors.js";
import { GraphSchema, findForbiddenKey, migrate, type GraphDoc, type GraphLink } from "./graph.js";
import { ROLES } from "./roles.js";
import { compatible, peersOf } from "./socket-types.js";

export interface ValidateOptions {
  /** Allow binds on non-loopback addresses (`tcp://*:5555`): the gateway's `--allow-external`. */
  allowExternal?: boolean;
}

export type GraphParse =
  | { ok: true; doc: GraphDoc; diagnostics: Diagnostic[] }
  | { ok: false; doc?: GraphDoc; diagnostics: Diagnostic[] };

/** Parses, migrates and validates a document. `ok` is false when any diagnostic is an error. */
export function parseGraph(raw: unknown, options: ValidateOptions = {}): GraphParse {
  const bad = findForbiddenKey(raw);
  if (bad) {
    return {
      ok: false,
      diagnostics: [
        {
          code: E.SCHEMA,
          severity: "error",
          path: bad.join("."),
          message: `key "${bad.at(-1)}" is not allowed in a graph document`,
        },
      ],
    };
  }
  const parsed = GraphSchema.safeParse(migrate(raw));
  if (!parsed.success) return { ok: false, diagnostics: schemaDiagnostics(parsed.error) };
  const diagnostics = checkRules(parsed.data, options);
  return diagnostics.some((d) => d.severity === "error")
    ? { ok: false, doc: parsed.data, diagnostics }
    : { ok: true, doc: parsed.data, diagnostics };
}

/** All diagnostics for a document (schema and rules). */
export function validateGraph(raw: unknown, options: ValidateOptions = {}): Diagnostic[] {
  return parseGraph(raw, options).diagnostics;
}

function schemaDiagnostics(error: z.ZodError): Diagnostic[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join(".");
    return {
      code: E.SCHEMA,
      severity: "error",
      path,
      message: `${path || "document"}: ${issue.message}`,
    };
  });
}

interface BoundEndpoint {
  node: string;
  socket: string;
  ep: ParsedEndpoint;
}

function checkRules(doc: GraphDoc, options: ValidateOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (d: Omit<Diagnostic, "severity">) => out.push({ ...d, severity: "error" });

  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  if (nodes.size !== doc.nodes.length) {
    const seen = new Set<string>();
    for (const n of doc.nodes) {
      if (seen.has(n.id))
        err({ code: E.DUPLICATE_ID, node: n.id, message: `two nodes are named "${n.id}"` });
      seen.add(n.id);
    }
  }

  const binds: BoundEndpoint[] = [];
  for (const node of doc.nodes) {
    const role = ROLES[node.role];
    const params = parseParams(role.behaviour, node.params);
    if (!params.success) {
      const issue = params.error.issues[0];
      err({
        code: E.BAD_BEHAVIOUR,
        node: node.id,
        message: `${node.id}: ${issue?.path.join(".") || "params"}: ${issue?.message ?? "invalid"}`,
      });
    }
    const socketIds = new Set<string>();
    for (const s of node.sockets) {
      if (socketIds.has(s.id))
        err({
          code: E.DUPLICATE_ID,
          node: node.id,
          socket: s.id,
          message: `${node.id} has two sockets named "${s.id}"`,
        });
      socketIds.add(s.id);
      if (s.type === "TCP" && s.bind.length > 0)
        err({
          code: E.BAD_ENDPOINT,
          node: node.id,
          socket: s.id,
          message: `${node.id}: a raw TCP client cannot bind; link it to a bound socket`,
        });
      for (const raw of s.bind) {
        const p = parseEndpoint(raw);
        if (!p.ok) {
          const code = /port/.test(p.reason)
            ? E.BAD_PORT
            : raw.startsWith("ipc://")
              ? E.IPC_PATH
              : E.BAD_ENDPOINT;
          err({ code, node: node.id, socket: s.id, message: `${node.id}.${s.id}: ${p.reason}` });
          continue;
        }
        const ep = p.endpoint;
        if (
          ep.transport === "tcp" &&
          !isLoopbackHost(ep.host) &&
          !options.allowExternal &&
          node.role !== "external"
        )
          err({
            code: E.EXTERNAL_BIND,
            node: node.id,
            socket: s.id,
            message: `${node.id}.${s.id} binds ${raw}, reachable from other machines: bind 127.0.0.1, or start the gateway with --allow-external`,
          });
        if (node.role !== "external") {
          const clash = binds.find((b) => bindsCollide(b.ep, ep));
          if (clash)
            out.push({
              code: E.DUPLICATE_BIND,
              severity: "warning",
              node: node.id,
              socket: s.id,
              message: `${node.id}.${s.id} binds ${raw}, already bound by ${clash.node}.${clash.socket}: the second bind fails with "Address already in use"`,
            });
          binds.push({ node: node.id, socket: s.id, ep });
        }
      }
    }
  }

  const linkIds = new Set<string>();
  const linked = new Set<string>();
  for (const link of doc.links) {
    if (linkIds.has(link.id))
      err({ code: E.DUPLICATE_ID, link: link.id, message: `two links are named "${link.id}"` });
    linkIds.add(link.id);
    checkLink(link, nodes, err, out);
    linked.add(`${link.from.node}/${link.from.socket}`);
    linked.add(`${link.to.node}/${link.to.socket}`);
  }

  for (const node of doc.nodes) {
    if (node.role === "external") continue;
    for (const s of node.sockets) {
      if (s.bind.length === 0 && !linked.has(`${node.id}/${s.id}`))
        out.push({
          code: E.UNCONNECTED,
          severity: "warning",
          node: node.id,
          socket: s.id,
          message: `${node.id}.${s.id} neither binds nor connects: draw a link from it or give it an address`,
        });
    }
  }

  doc.timeline.forEach((step, i) => {
    if (step.node && !nodes.has(step.node))
      err({
        code: E.TIMELINE,
        path: `timeline.${i}`,
        message: `timeline step ${i} names node "${step.node}", which does not exist`,
      });
    if (step.link && !linkIds.has(step.link))
      err({
        code: E.TIMELINE,
        path: `timeline.${i}`,
        message: `timeline step ${i} names link "${step.link}", which does not exist`,
      });
    const needsLink = step.action === "cut" || step.action === "restore";
    if (needsLink ? !step.link : !step.node)
      err({
        code: E.TIMELINE,
        path: `timeline.${i}`,
        message: `timeline step ${i} (${step.action}) needs a ${needsLink ? "link" : "node"}`,
      });
  });
  return out;
}

type Nodes = Map<string, GraphDoc["nodes"][number]>;

/** The checks for one link; exported logic used by the canvas while a person draws. */
function checkLink(
  link: GraphLink,
  nodes: Nodes,
  err: (d: Omit<Diagnostic, "severity">) => void,
  out: Diagnostic[],
) {
  const from = nodes.get(link.from.node);
  const to = nodes.get(link.to.node);
  if (!from || !to) {
    const missing = !from ? link.from.node : link.to.node;
    err({
      code: E.UNKNOWN_NODE,
      link: link.id,
      message: `link ${link.id} names node "${missing}", which does not exist`,
    });
    return;
  }
  const fs = from.sockets.find((s) => s.id === link.from.socket);
  const ts = to.sockets.find((s) => s.id === link.to.socket);
  if (!fs || !ts) {
    const [n, s] = !fs ? [from.id, link.from.socket] : [to.id, link.to.socket];
    err({
      code: E.UNKNOWN_SOCKET,
      link: link.id,
      message: `link ${link.id}: node ${n} has no socket "${s}"`,
    });
    return;
  }
  if (from.id === to.id && fs.id === ts.id) {
    err({
      code: E.SELF_LINK,
      link: link.id,
      message: `link ${link.id} connects ${from.id}.${fs.id} to itself`,
    });
    return;
  }
  const reason = linkIncompatibility(fs.type, ts.type);
  if (reason) err({ code: E.INCOMPATIBLE, link: link.id, node: from.id, message: reason });
  if (ts.bind.length === 0) {
    err({
      code: E.CONNECT_TO_NOTHING,
      link: link.id,
      node: to.id,
      message: `link ${link.id} connects to ${to.id}.${ts.id}, which binds no address: give it one`,
    });
  } else if (link.endpoint !== undefined && !ts.bind.includes(link.endpoint)) {
    err({
      code: E.CONNECT_TO_NOTHING,
      link: link.id,
      message: `link ${link.id} dials ${link.endpoint}, which ${to.id}.${ts.id} does not bind`,
    });
  }
  void out;
}

/** Why a `from` socket (connecting) cannot be linked to a `to` socket, or null when it can. */
export function linkIncompatibility(
  from: GraphDoc["nodes"][number]["sockets"][number]["type"],
  to: typeof from,
): string | null {
  if (compatible(from, to)) return null;
  return `${from} cannot talk to ${to}: ZeroMQ lets ${from} pair only with ${peersOf(from).join(", ")}`;
}
