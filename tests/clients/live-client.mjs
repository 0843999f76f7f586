// A live subscriber for the test suite, with the public clients people use:
//   graphql-ws (graphql-transport-ws), subscriptions-transport-ws (legacy graphql-ws), graphql-sse.
// Usage: node live-client.mjs '<json settings>'
//   { protocol: "transport-ws" | "legacy" | "sse", url, query, variables, connectionParams,
//     count,            // stop after this many results
//     timeoutMs,        // give up (exit 2) after this long
//     dropAfter,        // after this many results, disconnect, wait pauseMs, and resubscribe
//     pauseMs,          //   with variables.after = the last sequence received
//     resumeUrl,        //   on this server (default: the same one)
//     sequencePath }    // where the sequence is in a result, e.g. "changes.sequence"
// Prints one JSON line per happening: {"event":"ready"} once subscribed, {"event":"next","data":...},
// {"event":"paused"} / {"event":"resumed"}, {"event":"error",...}, {"event":"closed","code":...},
// {"event":"done"}.
import WebSocket from 'ws';
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import pkg from 'subscriptions-transport-ws';
const { SubscriptionClient } = pkg;

const settings = JSON.parse(process.argv[2]);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const received = [];
let finished = false;

const timer = setTimeout(() => {
  print({ event: 'timeout', received: received.length });
  process.exit(2);
}, settings.timeoutMs ?? 60000);

function sequenceOf(data) {
  let value = data;
  for (const part of (settings.sequencePath ?? '').split('.').filter(Boolean)) value = value?.[part];
  return value;
}

// Subscribes with one client; resolves when the client is gone (dropped or done).
function subscribe(url, variables, onReady) {
  return new Promise((resolve) => {
    const payload = { query: settings.query, variables };
    let stop = () => {};
    let readyAnnounced = false;
    const sink = {
      next: (result) => {
        if (result.errors) print({ event: 'error', errors: result.errors, data: result.data ?? null });
        if (!result.data) return;
        received.push(result.data);
        print({ event: 'next', data: result.data });
        if (settings.count && received.length >= settings.count) {
          finished = true;
          stop();
          resolve('done');
        } else if (settings.dropAfter && received.length === settings.dropAfter && !settings.dropped) {
          settings.dropped = true;
          stop();
          resolve('dropped');
        }
      },
      error: (error) => {
        const detail = error?.code !== undefined ? { code: error.code, reason: error.reason } : { message: String(error?.message ?? JSON.stringify(error)) };
        print({ event: 'error', ...detail });
        resolve('error');
      },
      complete: () => {
        print({ event: 'complete' });
        resolve('complete');
      },
    };
    const ready = () => {
      if (!readyAnnounced) {
        readyAnnounced = true;
        onReady();
      }
    };

    if (settings.protocol === 'transport-ws') {
      const client = createWsClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: settings.connectionParams,
        retryAttempts: 0,
        lazy: true,
        on: { closed: (event) => print({ event: 'closed', code: event?.code, reason: event?.reason }) },
      });
      const unsubscribe = client.subscribe(payload, sink);
      // Messages are handled in order: once this query answers, the subscription is registered.
      client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: sink.error, complete: ready });
      stop = () => { unsubscribe(); client.dispose(); };
    } else if (settings.protocol === 'legacy') {
      const client = new SubscriptionClient(url, { reconnect: false, connectionParams: settings.connectionParams }, WebSocket);
      client.onDisconnected(() => print({ event: 'closed', code: client.client?._closeCode ?? null }));
      const subscription = client.request(payload).subscribe(sink);
      const probe = client.request({ query: '{ __typename }' }).subscribe({ next: () => {}, error: sink.error, complete: ready });
      stop = () => { subscription.unsubscribe(); probe.unsubscribe(); client.close(); };
    } else if (settings.protocol === 'sse') {
      // The server answers the request's headers once the subscription is in place.
      const fetchFn = async (...args) => {
        const response = await fetch(...args);
        ready();
        return response;
      };
      const client = createSseClient({ url, headers: settings.headers ?? {}, retryAttempts: 0, fetchFn });
      const unsubscribe = client.subscribe(payload, sink);
      stop = () => { unsubscribe(); client.dispose(); };
    } else {
      throw new Error(`unknown protocol ${settings.protocol}`);
    }
  });
}

let variables = { ...(settings.variables ?? {}) };
let outcome = await subscribe(settings.url, variables, () => print({ event: 'ready' }));
if (outcome === 'dropped') {
  print({ event: 'paused', after: sequenceOf(received[received.length - 1]) });
  await new Promise((r) => setTimeout(r, settings.pauseMs ?? 1000));
  variables = { ...variables, after: sequenceOf(received[received.length - 1]) };
  outcome = await subscribe(settings.resumeUrl ?? settings.url, variables, () => print({ event: 'resumed' }));
}
clearTimeout(timer);
print({ event: finished ? 'done' : outcome, received: received.length });
process.exit(finished ? 0 : 3);
