import { migrate } from './postgres-migrations.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, for deployments that migrate before starting. */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is not set: nothing to migrate');
  process.exit(2);
}
try {
  const applied = await migrate(databaseUrl);
  console.log(applied.length === 0 ? 'Schema is up to date' : `Applied ${applied.join(', ')}`);
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
