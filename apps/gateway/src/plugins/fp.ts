import type { FastifyPluginAsync } from "fastify";

/**
 * What `fastify-plugin` does, without the dependency: a plugin marked `skip-override` shares its
 * decorators and hooks with the parent instead of living in its own encapsulated context.
 */
export function fp<O extends Record<string, unknown>>(
  plugin: FastifyPluginAsync<O>,
  name: string,
): FastifyPluginAsync<O> {
  const marked = plugin as FastifyPluginAsync<O> & Record<symbol, unknown>;
  marked[Symbol.for("skip-override")] = true;
  marked[Symbol.for("fastify.display-name")] = name;
  return marked;
}
