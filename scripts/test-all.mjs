#!/usr/bin/env node
// `pnpm test`: every check CI runs, in order, stopping at the first failure.
import { spawnSync } from "node:child_process";

const steps = [
  ["system packages", "node", ["scripts/ensure-system-deps.mjs"]],
  ["format", "pnpm", ["exec", "prettier", "--check", "."]],
  ["lint", "pnpm", ["exec", "eslint", ".", "--max-warnings=0"]],
  ["unused files, exports and dependencies (knip)", "pnpm", ["exec", "knip", "--no-progress"]],
  ["typecheck", "pnpm", ["-r", "typecheck"]],
  ["typecheck UI tests", "pnpm", ["exec", "tsc", "-p", "e2e/tsconfig.json"]],
  ["unit and integration tests (real sockets)", "pnpm", ["exec", "vitest", "run"]],
  ["web build", "pnpm", ["--filter", "@zmqp/web", "build"]],
  ["UI tests (Playwright, Chromium)", "pnpm", ["exec", "playwright", "test"]],
  ["static player build", "pnpm", ["build:player"]],
  [
    "static player UI tests (no gateway)",
    "pnpm",
    ["exec", "playwright", "test", "-c", "playwright.player.config.ts"],
  ],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
console.log("\n✓ every check passed");
