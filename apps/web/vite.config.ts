import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the page is served by Vite; /api and /ws go to a running gateway
// (`node apps/gateway/bin/zmqp.mjs serve --port 7781`). The gateway checks that a WebSocket's Origin is
// its own, so the proxy rewrites it.
const gateway = process.env.ZMQP_GATEWAY_URL ?? "http://127.0.0.1:7781";

export default defineConfig({
  plugins: [react()],
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
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 1200 },
});
