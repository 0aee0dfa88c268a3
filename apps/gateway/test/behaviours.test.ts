/**
 * A behaviour is one key: every key of protocol's BEHAVIOURS has each of its parts, so adding one
 * and forgetting a part fails here by name (the registries' `Record<BehaviourKey, …>` types catch
 * most of it at compile time already). The parts: its definition (a palette role with sockets, a
 * params schema), its engine file, its exported code and its strings in both locale files.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BEHAVIOUR_SPECS } from "@zmqp/engine";
import { BEHAVIOUR_EXPORTS } from "@zmqp/export";
import { BEHAVIOURS, ROLES, stringKeys, type BehaviourKey } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { REPO } from "./spawn.js";

type Tree = { [key: string]: string | Tree };
const locale = (name: string) =>
  JSON.parse(readFileSync(path.join(REPO, "apps/web/src/i18n", `${name}.json`), "utf8")) as Tree;
const LOCALES = { en: locale("en"), "zh-TW": locale("zh-TW") };

/** The string at a dotted key (a plural's `_other` form counts), or undefined. */
function lookup(tree: Tree, key: string): string | undefined {
  const parts = key.split(".");
  let at: string | Tree | undefined = tree;
  for (const p of parts.slice(0, -1)) at = typeof at === "object" ? at[p] : undefined;
  if (typeof at !== "object") return undefined;
  const last = parts.at(-1)!;
  const v = at[last] ?? at[`${last}_other`];
  return typeof v === "string" ? v : undefined;
}

const KEYS = Object.keys(BEHAVIOURS) as BehaviourKey[];

describe.each(KEYS)("behaviour %s", (key) => {
  it("has a definition: a params schema and at least one palette role with sockets", () => {
    const d = BEHAVIOURS[key];
    expect(d.params.safeParse({}).success).toBe(true);
    const roles = Object.keys(d.roles);
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) {
      expect(ROLES[r as keyof typeof ROLES].behaviour).toBe(key);
      expect(ROLES[r as keyof typeof ROLES].sockets.length).toBeGreaterThan(0);
    }
  });

  it("has an engine file, registered", () => {
    expect(typeof BEHAVIOUR_SPECS[key].create).toBe("function");
    expect(existsSync(path.join(REPO, "packages/engine/src/behaviours", `${key}.ts`))).toBe(true);
  });

  it("has exported code in Python and Node, and a summary", () => {
    const e = BEHAVIOUR_EXPORTS[key];
    expect(e.key).toBe(key);
    for (const f of ["python.ts", "node.ts", "summary.ts"])
      expect(existsSync(path.join(REPO, "packages/export/src/behaviours", key, f)), f).toBe(true);
  });

  it("has every string it names, in English and 繁體中文", () => {
    const keys = stringKeys(key);
    expect(keys).toContain(`behaviours.${key}`);
    for (const k of keys)
      for (const [name, tree] of Object.entries(LOCALES))
        expect(lookup(tree, k)?.trim(), `${name}.json lacks ${k}`).toBeTruthy();
  });
});
