import { defineConfig } from 'drizzle-kit'

// Migrations are generated from src/db/tables.ts and committed; the service applies them at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/tables.ts',
  out: './drizzle'
})
