import { defineConfig } from "drizzle-kit";

// Generates SQL only; migrations are applied by the app at start-up (db/migrate.ts), on either driver.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
