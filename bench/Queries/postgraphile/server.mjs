// PostGraphile 5 with connection-filter on the benchmark's database, for side-by-side query
// measurements: node server.mjs <postgres url> <port>. Amber preset, production settings
// (no GraphiQL, no explain), one pool of 16 connections, listening on 127.0.0.1 only.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";

const [connectionString, port] = process.argv.slice(2);
const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [makePgService({ connectionString, poolConfig: { max: 16 }, schemas: ["public"] })],
  grafserv: { port: Number(port), graphiql: false, watch: false },
  grafast: { explain: false },
  schema: { pgForbidSetofFunctionsToReturnNull: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(Number(port), "127.0.0.1", () => console.log(`PostGraphile listening on 127.0.0.1:${port}`));
process.on("SIGTERM", () => process.exit(0));
