// Runs graphql-http's server audit suite (the GraphQL over HTTP specification's checks)
// against a running server and prints one JSON line per audit: { id, name, status, reason }.
// status: "ok"; "warn" for a failed SHOULD or MAY; "error" for a failed MUST.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql-http-audit.mjs <graphql endpoint url>');
  process.exit(2);
}
const results = await auditServer({ url });
for (const { id, name, status, reason } of results) {
  console.log(JSON.stringify({ id, name, status, reason: reason ?? null }));
}
