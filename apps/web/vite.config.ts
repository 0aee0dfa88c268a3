import { cpSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// In development the page is served by Vite; /api and /ws go to a running gateway
// (`node apps/gateway/bin/zmqp.mjs serve --port 7781`). The gateway checks that a WebSocket's Origin is
// its own, so the proxy rewrites it.
const gateway = process.env.ZMQP_GATEWAY_URL ?? "http://127.0.0.1:7781";
const recordings = fileURLToPath(new URL("../../scenarios/recordings", import.meta.url));

/**
 * `vite build --mode player` (`pnpm build:player`): the same app with its gateway client left
 * unconnected (the page is marked standalone, see src/replay/standalone.ts), built with relative
 * paths so any static host serves it from any folder, carrying the committed recordings.
 */
function player(): Plugin {
  let outDir = "";
  return {
    name: "zmqp-player",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transformIndexHtml: (html) => html.replace("<html ", "<html data-zmqp-standalone "),
    closeBundle() {
      if (!existsSync(recordings)) throw new Error(`no ${recordings}: run pnpm record:scenarios`);
      cpSync(recordings, `${outDir}/recordings`, { recursive: true });
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: mode === "player" ? [react(), player()] : [react()],
  base: mode === "player" ? "./" : "/",
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: gateway, changeOrigin: true },
      "/ws": {
        target: gateway,
        ws: true,
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on("proxyReqWs", (req) => req.setHeader("origin", gateway));
        },
      },
    },
  },
  build: {
    outDir: mode === "player" ? "dist-player" : "dist",
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
}));
