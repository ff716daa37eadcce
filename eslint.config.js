// Lint: typescript-eslint's recommended rules over the TypeScript sources.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".tap/", "coverage/", "certs/", "reports/", "tap-snapshots/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  { files: ["bin/*.js", "bench/*.mjs", "*.config.js", ".dependency-cruiser.cjs", "harness/testing/*.mjs"], languageOptions: { globals: { process: "readonly", module: "writable", console: "readonly" } } },
);
