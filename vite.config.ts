import { execFileSync } from "node:child_process";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const port = Number(process.env.PORT ?? 3000);

// The commit this build is made from, for GET /ping (app/health/health.server.ts): asked once here, so
// no request ever runs git. SOURCE_COMMIT names it where the build has no .git (an image build).
function buildCommit(): string | null {
  if (process.env.SOURCE_COMMIT) return process.env.SOURCE_COMMIT;
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export default defineConfig({
  define: { __PASSERELLE_COMMIT__: JSON.stringify(buildCommit()) },
  server: {
    port,
    host: "127.0.0.1",
    fs: { allow: ["app", "node_modules"] },
  },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*", "**/*.test.ts", "**/*.test.tsx"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        // Every route is known from the first page (the manifest file, 3.4 KB in Brotli, cached): with lazy
        // discovery a link followed while a revalidation was in flight could abort the route's discovery
        // and leave the app frame blank on Remix's "Loading..." page for good. ADR 0025.
        v3_lazyRouteDiscovery: false,
        // Also makes the web server (scripts/server.ts) install Node's fetch (undici) instead of a polyfill whose abort path
        // throws outside any handler when an outbound call times out.
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
    tsconfigPaths(),
  ],
  build: {
    assetsInlineLimit: 0,
    // The generated Prisma clients (app/generated) are CommonJS like those in node_modules.
    commonjsOptions: { include: [/node_modules/, /app\/generated/] },
  },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
});
