// ESLint for the whole project (`npm run lint`, which CI runs): typescript-eslint's recommended rules
// with the type-aware ones that catch what the compiler does not (a switch that misses a case, a
// promise nobody awaits), and React's rules of hooks for the components. It lives beside the other
// checks' configuration; paths are from the project's root.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const root = new URL("..", import.meta.url).pathname;

export default tseslint.config(
  { basePath: root, ignores: ["build/**", "public/build/**", "data/**", "node_modules/**", "db/migrations/**", "tests/.artifacts/**", "**/*.d.ts"] },
  {
    basePath: root,
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-floating-promises": "error",
      // A leading underscore says "named, and deliberately not used" (a field taken out of a rest).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    basePath: root,
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
);
