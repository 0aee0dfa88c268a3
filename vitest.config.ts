import { defineConfig } from "vitest/config";

// Unit and integration tests sit beside the code (`*.test.ts`). Engine tests open real sockets,
// so files run one at a time in forks: two files binding the same template port would collide.
export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.tsx",
      "apps/*/test/**/*.test.ts",
    ],
    // A `.only` left in a test file would silently skip the rest of the suite in CI.
    allowOnly: !process.env.CI,
    pool: "forks",
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
