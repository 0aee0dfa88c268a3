/**
 * ESLint rule `boundaries/no-relative-packages`: a relative import must stay inside the package
 * (the nearest folder with a package.json) of the file that writes it. Another package is imported
 * by its name and declared in package.json, so `no-restricted-imports` and pnpm see the edge and the
 * boundaries of docs/architecture.md hold. Written here rather than taken from eslint-plugin-import-x
 * because that rule resolves each path first, and the TypeScript sources' `./x.js` specifiers do not
 * resolve without a second plugin (a resolver); this one only needs the folders.
 */
import { existsSync } from "node:fs";
import path from "node:path";

const roots = new Map();

/** The folder of the package `dir` belongs to. */
function packageRoot(dir) {
  const known = roots.get(dir);
  if (known !== undefined) return known;
  const parent = path.dirname(dir);
  const root =
    existsSync(path.join(dir, "package.json")) || parent === dir ? dir : packageRoot(parent);
  roots.set(dir, root);
  return root;
}

export default {
  rules: {
    "no-relative-packages": {
      meta: {
        type: "problem",
        docs: { description: "Forbid relative imports that leave their package" },
        schema: [
          {
            type: "object",
            properties: { shared: { type: "array", items: { type: "string" } } },
            additionalProperties: false,
          },
        ],
        messages: {
          crosses:
            '"{{spec}}" leaves this package for {{other}}: import it by its package name and declare it in package.json (docs/architecture.md).',
        },
      },
      create(context) {
        // Files (or folders, written with a trailing /) of the workspace root that any package may read.
        const shared = (context.options[0]?.shared ?? []).map(
          (f) => path.resolve(context.cwd, f) + (f.endsWith("/") ? path.sep : ""),
        );
        const isShared = (target) =>
          shared.some((s) =>
            s.endsWith(path.sep) ? target.startsWith(s) : target.replace(/\.js$/, ".ts") === s,
          );
        const dir = path.dirname(context.filename);
        const own = packageRoot(dir);
        const check = (source) => {
          if (source?.type !== "Literal" || typeof source.value !== "string") return;
          const spec = source.value;
          if (!spec.startsWith("./") && !spec.startsWith("../")) return;
          const target = path.resolve(dir, spec);
          if (isShared(target)) return;
          const other = packageRoot(target);
          const inside = target === own || target.startsWith(own + path.sep);
          if (other === own && inside) return;
          context.report({
            node: source,
            messageId: "crosses",
            data: { spec, other: path.relative(context.cwd, other) || "the workspace root" },
          });
        };
        return {
          ImportDeclaration: (n) => check(n.source),
          ExportNamedDeclaration: (n) => check(n.source),
          ExportAllDeclaration: (n) => check(n.source),
          ImportExpression: (n) => check(n.source),
        };
      },
    },
  },
};
