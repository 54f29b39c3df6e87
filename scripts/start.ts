// `npm start`: build the pages' assets, migrate the local D1, load the demo content, run the worker.
import { buildWeb, migrate, startWorker } from "./lib/local-worker.ts";
import { demoAccountsTable, demoCompetitionsText, seedDemo } from "./demo-content.ts";

const port = Number(process.env.PORT ?? 8787);
console.log("«Участие»: building the web assets…");
buildWeb();
console.log("Applying migrations to the local D1…");
migrate();
console.log("Loading demo content (idempotent)…");
await seedDemo();
console.log("Starting the worker (wrangler dev)…");
const worker = await startWorker({ port, inheritOutput: true });
const address = `http://localhost:${port}`;
console.log(`
────────────────────────────────────────────────────────────
 «Участие» is running:  ${address}
 Development mail outbox: ${address}/dev/outbox
 API reference:           ${address}/api/docs

 Demo accounts (development only):
${demoAccountsTable()}

 Demo competitions, one in each stage (accounts of other experts, entrants and voters:
 see README; same password):
${demoCompetitionsText()}

 Press Ctrl+C to stop.
────────────────────────────────────────────────────────────`);
const stop = async () => {
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
worker.process.on("exit", (code) => process.exit(code ?? 0));
