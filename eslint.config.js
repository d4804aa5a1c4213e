import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const NO_VENDOR_CONNECTOR = {
  regex: "(^~|\\.\\.)/connectors/(?!chronopost/|tnt/)[^/]+/",
  message: "Use-cases reach a system through the registry (providerFor), never through its connector folder.",
};

export default tseslint.config(
  {
    ignores: [
      ".debug/**",
      ".cache/**",
      "build/**",
      "prisma/generated/**",
      "node_modules/**",
      "test-results/**",
      "public/build/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  {
    // Configuration is read once, through app/env.server.ts.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/env.server.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "read configuration through app/env.server.ts" },
      ],
    },
  },
  {
    // Layers (docs/decisions/0003-layers.md): a route parses input, calls a use-case and shapes the
    // answer; the database and the connectors are reached through use-cases only.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(~|\\.\\.)/(db(\\.server)?|db/.*|connectors(/.*)?)$",
              message: "Routes call a use-case (app/<feature>/…); they never import the database or a connector.",
            },
          ],
        },
      ],
    },
  },
  {
    // The syncs, the engine and the domain types reach a system through the registry (providerFor),
    // never through its connector folder: vendor shapes stay behind the capability ports. The carrier
    // trackers (Chronopost, TNT) are not behind the registry yet.
    files: ["app/sync/**", "app/domain/**", "app/customers/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_VENDOR_CONNECTOR] }] },
  },
  {
    // The job engine knows no feature: features register their job types with it, never the reverse.
    // app/modules.server.ts (the composition root) registers them.
    files: ["app/jobs/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(~|\\.\\.)/sync(/.*)?$",
              message: "app/jobs is the engine: it must not import a sync (app/sync registers its jobs).",
            },
            NO_VENDOR_CONNECTOR,
          ],
        },
      ],
    },
  },
  {
    // Command-line tools and test harnesses talk to a person on the terminal.
    files: ["scripts/**", "emulators/**/main.ts", "tests/**", "bench/**", "tests/bench/**"],
    rules: { "no-console": "off" },
  },
);
