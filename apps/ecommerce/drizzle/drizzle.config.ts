import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --config drizzle/drizzle.config.ts` (from apps/ecommerce) writes the next
// migration from src/db/schema.ts. Commit the SQL file and meta/ together; never edit an applied one.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  strict: true,
});
