/**
 * `validateGraph`: the one set of rules for a document, used by the canvas (each node's and the Run
 * dialog's findings), the gateway (before deploy) and the CLI. The rules for one link live in
 * `link-rules.ts`, which the canvas also applies to a link as it is drawn. Pure: no I/O. Each
 * finding carries a stable code and a one-line reason.
 */
import type { z } from "zod";
import { parseParams } from "./behaviours.js";
import type { Diagnostic } from "./diagnostics.js";
import { parseEndpoint, bindsCollide, isLoopbackHost, type ParsedEndpoint } from "./endpoint.js";
import { ERROR_CODES as E } from "./errors.js";
import { GraphSchema, findForbiddenKey, migrate, type GraphDoc } from "./graph.js";
import { checkLink, pairKey } from "./link-rules.js";
import { isOutside, ROLES } from "./roles.js";
import { checkRunnable } from "./validate-runnable.js";
import { english, phrase, type Phrase } from "./text.js";
import { issueDetail } from "./issue-phrase.js";

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
          ...said(phrase("diag.forbiddenKey", { key: bad.at(-1) ?? "" })),
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

/** A diagnostic's phrase and its English. */
function said(p: Phrase): { phrase: Phrase; message: string } {
  return { phrase: p, message: english(p) };
}

function schemaDiagnostics(error: z.ZodError): Diagnostic[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join(".");
    const detail = issueDetail(issue);
    return {
      code: E.SCHEMA,
      severity: "error",
      path,
      ...said(
        path ? phrase("diag.schema", { path, detail }) : phrase("diag.schemaDocument", { detail }),
      ),
    };
  });
}

type Finding = Omit<Diagnostic, "severity" | "message" | "phrase">;

interface BoundEndpoint {
  node: string;
  socket: string;
  ep: ParsedEndpoint;
}

function checkRules(doc: GraphDoc, options: ValidateOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (d: Finding, p: Phrase) => out.push({ ...d, severity: "error", ...said(p) });
  const warn = (d: Finding, p: Phrase) => out.push({ ...d, severity: "warning", ...said(p) });

  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  if (nodes.size !== doc.nodes.length) {
    const seen = new Set<string>();
    for (const n of doc.nodes) {
      if (seen.has(n.id))
        err({ code: E.DUPLICATE_ID, node: n.id }, phrase("diag.duplicateNode", { id: n.id }));
      seen.add(n.id);
    }
  }

  const binds: BoundEndpoint[] = [];
  for (const node of doc.nodes) {
    const outside = isOutside(node);
    const params = parseParams(ROLES[node.role].behaviour, node.params);
    if (!params.success) {
      const issue = params.error.issues[0];
      err(
        { code: E.BAD_BEHAVIOUR, node: node.id },
        phrase("diag.badParams", {
          node: node.id,
          path: issue?.path.join(".") || "params",
          detail: issue ? issueDetail(issue) : "invalid",
        }),
      );
    }
    const socketIds = new Set<string>();
    for (const s of node.sockets) {
      if (socketIds.has(s.id))
        err(
          { code: E.DUPLICATE_ID, node: node.id, socket: s.id },
          phrase("diag.duplicateSocket", { node: node.id, socket: s.id }),
        );
      socketIds.add(s.id);
      if (s.type === "TCP" && s.bind.length > 0)
        err(
          { code: E.BAD_ENDPOINT, node: node.id, socket: s.id },
          phrase("diag.rawTcpBind", { node: node.id }),
        );
      for (const raw of s.bind) {
        const p = parseEndpoint(raw);
        if (!p.ok) {
          const code =
            p.phrase.key === "endpoint.portRange"
              ? E.BAD_PORT
              : p.phrase.key === "endpoint.transport"
                ? E.TRANSPORT
                : raw.startsWith("ipc://")
                  ? E.IPC_PATH
                  : E.BAD_ENDPOINT;
          err(
            { code, node: node.id, socket: s.id },
            phrase("diag.badBind", { socket: `${node.id}.${s.id}`, reason: p.phrase }),
          );
          continue;
        }
        const ep = p.endpoint;
        if (
          ep.transport === "tcp" &&
          !isLoopbackHost(ep.host) &&
          !options.allowExternal &&
          !outside
        )
          err(
            { code: E.EXTERNAL_BIND, node: node.id, socket: s.id },
            phrase("diag.externalBind", { socket: `${node.id}.${s.id}`, endpoint: raw }),
          );
        if (!outside) {
          const clash = binds.find((b) => bindsCollide(b.ep, ep));
          if (clash)
            warn(
              { code: E.DUPLICATE_BIND, node: node.id, socket: s.id },
              phrase("diag.duplicateBind", {
                socket: `${node.id}.${s.id}`,
                endpoint: raw,
                other: `${clash.node}.${clash.socket}`,
              }),
            );
          binds.push({ node: node.id, socket: s.id, ep });
        }
      }
    }
  }

  const linkIds = new Set<string>();
  const linked = new Set<string>();
  const pairs = new Set<string>();
  for (const link of doc.links) {
    if (linkIds.has(link.id))
      err({ code: E.DUPLICATE_ID, link: link.id }, phrase("diag.duplicateLink", { id: link.id }));
    linkIds.add(link.id);
    for (const f of checkLink(link, nodes, pairs))
      (f.severity === "error" ? err : warn)(
        { code: f.code, link: link.id, ...(f.node === undefined ? {} : { node: f.node }) },
        phrase("diag.link", { link: link.id, reason: f.reason }),
      );
    pairs.add(pairKey(link));
    linked.add(`${link.from.node}/${link.from.socket}`);
    linked.add(`${link.to.node}/${link.to.socket}`);
  }

  for (const node of doc.nodes) {
    if (isOutside(node)) continue;
    for (const s of node.sockets) {
      if (s.bind.length === 0 && !linked.has(`${node.id}/${s.id}`))
        warn(
          { code: E.UNCONNECTED, node: node.id, socket: s.id },
          phrase("diag.unconnected", { socket: `${node.id}.${s.id}` }),
        );
    }
  }

  checkRunnable(doc, options.allowExternal ?? false, err);

  doc.timeline.forEach((step, i) => {
    const where = { code: E.TIMELINE, path: `timeline.${i}` };
    if (step.node && !nodes.has(step.node))
      err(where, phrase("diag.timelineNode", { index: i, node: step.node }));
    if (step.link && !linkIds.has(step.link))
      err(where, phrase("diag.timelineLink", { index: i, link: step.link }));
    const needsLink = step.action === "cut" || step.action === "restore";
    if (needsLink ? !step.link : !step.node)
      err(
        where,
        phrase(needsLink ? "diag.timelineNeedsLink" : "diag.timelineNeedsNode", {
          index: i,
          action: step.action,
        }),
      );
  });
  return out;
}
