import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  {
    ignores: [".debug/**", "build/**", "prisma/generated/**", "node_modules/**", "test-results/**", "public/build/**"],
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
    // Command-line tools and test harnesses talk to a person on the terminal.
    files: ["scripts/**", "emulators/**/main.ts", "tests/**", "bench/**", "tests/bench/**"],
    rules: { "no-console": "off" },
  },
);
