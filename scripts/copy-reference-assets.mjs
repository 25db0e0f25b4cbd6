// Copies Swagger UI from node_modules into the worker's static assets, so the /docs page
// loads nothing from outside hosts. Runs after every npm install.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const source = dirname(require.resolve("swagger-ui-dist/package.json"));
const target = join(import.meta.dirname, "..", "public", "vendor", "swagger-ui");

mkdirSync(target, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  copyFileSync(join(source, file), join(target, file));
}
console.log(`Copied Swagger UI to ${target}`);
