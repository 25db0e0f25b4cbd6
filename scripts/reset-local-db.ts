// `npm run db:reset`: deletes the local database and rebuilds it from the migrations and
// the development dataset.
import { applyMigrations, deleteLocalDatabase, loadDevelopmentDataset, refuseRemote } from "./local-database";

refuseRemote(process.argv.slice(2));

deleteLocalDatabase();
applyMigrations();
await loadDevelopmentDataset();
console.log("The local database now holds the development dataset.");
