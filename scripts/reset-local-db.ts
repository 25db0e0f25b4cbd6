// `npm run db:reset`: deletes the local database and rebuilds it from the migrations and
// the development dataset.
import {
  applyMigrations,
  DEV_SERVER_PORT,
  deleteLocalDatabase,
  isDevServerRunning,
  loadDevelopmentDataset,
  rejectRemoteFlag,
} from "./local-database";

rejectRemoteFlag(process.argv.slice(2));

// A running wrangler dev keeps the database file open, and deleting it under the server
// leaves every later request failing, so the reset waits until the server is stopped.
if (await isDevServerRunning()) {
  console.error(
    `A server is listening on port ${DEV_SERVER_PORT}. Stop npm start (Ctrl-C), then run npm run db:reset again.`,
  );
  process.exit(1);
}

deleteLocalDatabase();
applyMigrations();
await loadDevelopmentDataset();
console.log("The local database now contains the development dataset.");
