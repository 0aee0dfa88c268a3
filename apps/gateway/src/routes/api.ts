/** The REST surface: health (public), runtime snapshot, deploy, stop, templates. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { DOC_LOCALES, ERROR_CODES, type LocalizedText } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors.js";
import { queueRoutes } from "./queue.js";

export interface ApiOptions {
  version: string;
  scenariosDir: string;
}

const TEMPLATE_NAME = /^[a-z0-9-]+$/;

/** A title or description as the file has it: a string, or strings by language. */
function text(v: unknown): LocalizedText | undefined {
  if (typeof v === "string") return v;
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  const out: { en?: string; "zh-TW"?: string } = {};
  for (const locale of DOC_LOCALES) {
    const s = (v as Record<string, unknown>)[locale];
    if (typeof s === "string") out[locale] = s;
  }
  return Object.keys(out).length ? out : undefined;
}

export async function apiRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  app.get("/api/health", async () => ({ ok: true, version: opts.version }));

  app.get("/api/runtime", async () => app.hub.runtime.snapshot());

  // Where every message went, per link (the soak bench reconciles it).
  app.get("/api/accounts", async () => app.hub.runtime.accounts());

  await queueRoutes(app);

  app.post("/api/deploy", async (req, reply) => {
    const out = await app.hub.deploy(req.body);
    if (!out.ok)
      return reply.code(400).send({
        code: ERROR_CODES.INVALID_GRAPH,
        message: "the graph has errors",
        diagnostics: out.diagnostics,
      });
    return out;
  });

  app.post("/api/stop", async () => {
    await app.hub.stop();
    return { ok: true };
  });

  app.get("/api/templates", async () => {
    let files: string[];
    try {
      files = (await readdir(opts.scenariosDir)).filter((f) => f.endsWith(".json")).sort();
    } catch {
      return [];
    }
    const out = [];
    for (const file of files) {
      const name = file.slice(0, -5);
      if (!TEMPLATE_NAME.test(name)) continue;
      try {
        const doc = JSON.parse(await readFile(join(opts.scenariosDir, file), "utf8")) as Record<
          string,
          unknown
        >;
        // Titles and descriptions come as one string or one per language (LocalizedText): the
        // page picks the reader's language.
        out.push({
          name,
          title: text(doc.title) ?? name,
          description: text(doc.description) ?? "",
        });
      } catch {
        // A broken template is left out of the menu rather than breaking it.
      }
    }
    return out;
  });

  app.get<{ Params: { name: string } }>("/api/templates/:name", async (req, reply) => {
    const { name } = req.params;
    // The pattern is what keeps `..` and slashes out of the path joined below.
    if (!TEMPLATE_NAME.test(name))
      throw new HttpError(400, ERROR_CODES.BAD_MESSAGE, "template names are a-z, 0-9 and -");
    let text: string;
    try {
      text = await readFile(join(opts.scenariosDir, `${name}.json`), "utf8");
    } catch {
      throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no template named ${name}`);
    }
    return reply.type("application/json; charset=utf-8").send(text);
  });
}
