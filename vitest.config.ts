import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Three projects, run separately by scripts/test.sh: unit (beside the code), integration (real HTTP
// to the emulators, a real database per worker), e2e (Playwright driving Debian's Chromium).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    setupFiles: ["tests/support/setup.ts"],
    // In CI a test that fails is run once more, and the closing summary names every test that
    // needed it (scripts/test-summary.ts): a timing flake on a loaded 2-core machine shows up
    // there, by name, instead of hiding the rest of the run. A test that fails twice fails.
    retry: process.env.CI === "true" ? 1 : 0,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "emulators/**/*.test.ts", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-database.ts"],
          setupFiles: ["tests/support/setup.ts", "tests/support/database.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
