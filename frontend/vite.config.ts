// Builds the UI into the Python package, where the backend serves it; proxies /api in dev.
import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const backend = process.env.JOBTRACKER_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../src/jobtracker/static/", import.meta.url)),
    emptyOutDir: true,
    // Route chunks are small; a warning here means something heavy slipped into the entry.
    chunkSizeWarningLimit: 300,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/calendar": { target: backend, changeOrigin: false },
    },
  },
});
