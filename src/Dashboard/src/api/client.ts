import { Client, cacheExchange, fetchExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createLiveClient, type Client as LiveClient } from 'graphql-ws';
import { authorizationHeaders } from './credential';
import { liveConnection } from './liveConnection';

/// The id the build gave a document: the SHA-256 of its text, which the server trusts.
export function documentHash(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('A document without a trusted-document hash: was it written with graphql() from src/generated?');
  return hash.replace(/^sha256:/, '');
}

/// Queries and the one mutation over HTTP: only the document's hash is sent.
export const client = new Client({
  url: '/graphql',
  preferGetMethod: false,
  requestPolicy: 'cache-and-network',
  fetchOptions: () => ({ headers: { Accept: 'application/graphql-response+json, application/json', ...authorizationHeaders() } }),
  exchanges: [
    cacheExchange,
    persistedExchange({
      enforcePersistedQueries: true,
      enableForMutation: true,
      preferGetForPersistedQueries: false,
      generateHash: (_, document) => Promise.resolve(documentHash(document)),
    }),
    fetchExchange,
  ],
});

let live: LiveClient | null = null;

/// The WebSocket (graphql-transport-ws) that every subscription of the page shares. It
/// reconnects on its own; liveConnection tells the pages when it did, so they resume with
/// `after:` the last sequence they saw.
export function liveClient(): LiveClient {
  live ??= createLiveClient({
    url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => authorizationHeaders(),
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    // A dropped connection is retried for ever; an error of the client's own (a message it
    // cannot send) is not, or the retry loop would spin without waiting.
    shouldRetry: (error) => typeof error === 'object' && error !== null && 'code' in error,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** Math.min(retries, 5)))),
    on: {
      connecting: () => liveConnection.set('connecting'),
      connected: () => liveConnection.set('connected'),
      closed: () => liveConnection.set('disconnected'),
    },
  });
  return live;
}

/// Runs a subscription by its trusted document's hash; returns the function that ends it.
/// graphql-ws sends this same payload again when it reconnects, so `resumeFrom` keeps its
/// `after` at the last sequence received: a retry resumes exactly after it.
export function subscribe<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  sink: { next: (data: Data) => void; error: (message: string, code?: string) => void },
  sequenceOf?: (data: Data) => number | null | undefined,
): () => void {
  const payload = {
    // Only the hash identifies the document; graphql-ws insists on a query string, and the
    // server takes an empty one beside an id as no text.
    query: '',
    variables: { ...(variables as Record<string, unknown>) },
    extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(document) } },
  };
  return liveClient().subscribe<Data>(payload, {
    next: (result) => {
      if (result.errors?.length) {
        sink.error(result.errors[0].message, result.errors[0].extensions?.code as string | undefined);
        return;
      }
      if (!result.data) return;
      const sequence = sequenceOf?.(result.data as Data);
      if (sequence != null && sequence > ((payload.variables.after as number | undefined) ?? -1)) payload.variables.after = sequence;
      sink.next(result.data as Data);
    },
    error: (error) =>
      sink.error(error instanceof Error ? error.message : error instanceof CloseEvent ? `The live connection closed (${error.code} ${error.reason})` : 'The live connection failed'),
    complete: () => {},
  });
}
