// Lint, including the package boundaries of docs/architecture.md: each rule's message says why.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";
import boundaries from "./scripts/eslint-no-relative-packages.js";

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const noApps = {
  group: ["**/apps/**", "@zmqp/gateway", "@zmqp/web"],
  message: "Apps are leaves: nothing imports an app (docs/architecture.md).",
};

/** The web app: of the workspace only the pure packages in `allowed`; no sockets, servers or Node. */
const webOnly = (allowed) => [
  {
    regex: `^@zmqp/(?!(${allowed.join("|")})(/|$))`,
    message: `The web app talks to the gateway only (WebSocket/HTTP): of the workspace it imports ${allowed.join(", ")}; never the engine, attach or the gateway.`,
  },
  {
    regex: "^(zeromq|fastify|ws)(/|$)|^@fastify/|^node:",
    message:
      "The web app talks to the gateway only (WebSocket/HTTP); it never runs sockets or a server itself.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/dist-player/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // No relative import leaves its package: the rules below match package names, so a path like
    // ../../packages/engine/src would slip past every one of them.
    plugins: { boundaries },
    rules: {
      "boundaries/no-relative-packages": [
        "error",
        // Chromium's launch flags (the UI tests and the UI bench), and the templates: data every
        // package's tests read.
        { shared: ["chromium.config.ts", "scenarios/"] },
      ],
    },
  },
  {
    files: ["packages/protocol/**"],
    rules: restrict([
      {
        regex: "^(?!zod$|vitest$|\\./)",
        message:
          "protocol is pure: it imports only zod and its own files (./), so no I/O, no zeromq, no frameworks.",
      },
    ]),
  },
  {
    files: ["packages/zmtp/**"],
    rules: restrict([
      {
        regex: "^(?!vitest$|\\./)",
        message: "zmtp is a pure decoder: no imports beyond its own files (./).",
      },
    ]),
  },
  {
    files: ["packages/attach/**"],
    rules: restrict([
      {
        group: [
          "fastify",
          "@fastify/*",
          "react",
          "react-dom",
          "@xyflow/*",
          "zeromq",
          "@zmqp/engine",
        ],
        message:
          "attach only reads captured traffic: no sockets of its own (zeromq, the engine) and no frameworks.",
      },
      noApps,
    ]),
  },
  {
    files: ["packages/export/**"],
    ignores: ["packages/export/**/*.test.ts"],
    rules: {
      ...restrict([
        {
          regex: "^(?!@zmqp/protocol$|\\.\\.?/)",
          message:
            "export is pure (a graph in, file texts out) so the CLI and the page run the same code: it imports only @zmqp/protocol (no fs, no zeromq, no frameworks).",
        },
      ]),
      "no-restricted-globals": [
        "error",
        { name: "process", message: "export runs in the browser too: no Node globals." },
        { name: "Buffer", message: "export runs in the browser too: no Node globals." },
      ],
    },
  },
  {
    files: ["packages/export/**/*.test.ts"],
    rules: restrict([
      {
        group: ["zeromq", "zeromq/*", "@zmqp/engine", "@zmqp/engine/*"],
        message:
          "export's own tests check the text it writes; runs of the programs on real sockets live in apps/gateway/test/export.",
      },
      noApps,
    ]),
  },
  {
    files: ["packages/recording/**"],
    ignores: ["packages/recording/**/*.test.ts"],
    rules: {
      ...restrict([
        {
          regex: "^(?!@zmqp/protocol$|fflate$|zod$|\\.\\.?/)",
          message:
            "recording is pure (events in, a .zmqrec out, any moment back) so the gateway, the CLI and the page replay with the same code: it imports only @zmqp/protocol, fflate and zod.",
        },
      ]),
      "no-restricted-globals": [
        "error",
        { name: "process", message: "recording runs in the browser too: no Node globals." },
        { name: "Buffer", message: "recording runs in the browser too: no Node globals." },
      ],
    },
  },
  {
    files: ["packages/recording/**/*.test.ts"],
    rules: restrict([
      {
        group: ["fastify", "@fastify/*", "react", "react-dom", "@xyflow/*"],
        message:
          "recording's tests drive the real engine; the gateway's routes are tested in apps/gateway.",
      },
      noApps,
    ]),
  },
  {
    files: ["packages/engine/**"],
    rules: restrict([
      {
        group: ["fastify", "@fastify/*", "react", "react-dom", "@xyflow/*"],
        message: "The engine stays framework-free: Fastify and React are thin adapters around it.",
      },
      noApps,
    ]),
  },
  {
    files: ["apps/web/**"],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(webOnly(["protocol", "export", "recording"])),
  },
  {
    // The wire view's tests feed it frames made by the real decoder, which the page gets decoded.
    files: ["apps/web/**/*.test.ts", "apps/web/**/*.test.tsx"],
    rules: restrict(webOnly(["protocol", "export", "recording", "zmtp"])),
  },
  {
    // The build's own config runs in Node (the player build copies the recordings beside the page).
    files: ["apps/web/vite.config.ts"],
    languageOptions: { globals: { ...globals.node } },
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["apps/gateway/**"],
    rules: restrict([
      {
        group: ["react", "react-dom", "@xyflow/*", "**/web/src/**", "@zmqp/web"],
        message: "Apps never import each other; the gateway serves the web build as files.",
      },
    ]),
  },
);
