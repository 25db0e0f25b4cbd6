// `npm start`: prepares the local database (migrations, then the development dataset if
// the database is empty) and serves the API with wrangler dev on http://localhost:8787.
import { spawnSync } from "node:child_process";

import {
  applyMigrations,
  DEV_SERVER_PORT,
  isDatabaseEmpty,
  loadDevelopmentDataset,
  rejectRemoteFlag,
} from "./local-database";

rejectRemoteFlag(process.argv.slice(2));

applyMigrations();
if (isDatabaseEmpty()) {
  await loadDevelopmentDataset();
} else {
  console.log("The local database already has data; run `npm run db:reset` to reload the development dataset.");
}

const result = spawnSync("wrangler", ["dev", "--port", String(DEV_SERVER_PORT), ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 0);
