import { useMemo, useState } from 'preact/hooks';
import { graphql } from '../generated';
import { useData } from '../api/useData';
import { useLive } from '../api/useLive';
import { useLiveState } from '../api/liveConnection';
import { EventFilters } from '../components/EventFilters';
import { EventTable, type EventRow } from '../components/EventTable';
import { Empty, Failure, Loaded } from '../components/Status';
import { eventFilter } from '../filters';
import { formatNumber } from '../format';
import { useAsOf, useParams } from '../url';

const RecentChanges = graphql(`
  query LiveFeedRecent($where: ChangeEventFilterInput) {
    events(first: 50, where: $where) {
      totalCount
      nodes {
        ...EventRowFields
      }
    }
  }
`);

const Changes = graphql(`
  subscription LiveFeedChanges($where: ChangeEventFilterInput, $after: Long) {
    changes(where: $where, after: $after) {
      ...EventRowFields
    }
  }
`);

const shown = 500;

const stateText = {
  idle: 'Not connected yet.',
  connecting: 'Connecting…',
  connected: 'Connected: changes appear as they are stored.',
  disconnected: 'The connection dropped: reconnecting. Changes stored meanwhile will follow, none missed.',
};

/// Every change as it is stored, filtered; pausing stops the stream and resuming starts it
/// again after the last change shown.
export default function LiveFeed() {
  const [params, update] = useParams();
  const asOf = useAsOf();
  const where = useMemo(() => eventFilter(params, { before: asOf }), [params.toString(), asOf?.getTime()]);
  const paused = params.get('paused') === 'true';
  const recent = useData(RecentChanges, { where });
  const connection = useLiveState();

  // The stream starts after the newest change the first page showed: no gap, no repeat.
  const start = recent.data?.events.nodes?.[0]?.sequence ?? (recent.data ? 0 : null);
  const [received, setReceived] = useState<{ key: string; rows: EventRow[] }>({ key: '', rows: [] });
  const key = JSON.stringify(where);
  const rows = received.key === key ? received.rows : [];
  const last = rows[0]?.sequence ?? start;
  const problem = useLive(
    Changes,
    { where },
    (data) =>
      setReceived((current) => {
        const list = current.key === key ? current.rows : [];
        if (list.some((row) => row.sequence === data.changes.sequence) || (start != null && data.changes.sequence <= start)) return current;
        return { key, rows: [data.changes, ...list].slice(0, shown) };
      }),
    { enabled: !asOf && !paused && start != null, sequenceOf: (data) => data.changes.sequence, after: last },
  );
  const fresh = useMemo(() => new Set(rows.map((row) => row.sequence)), [rows]);

  return (
    <>
      <h1>Live feed</h1>
      <EventFilters id="live" fields={['type', 'category', 'prefix', 'user', 'watcher', 'breaking']} />
      <div class="live-bar">
        {asOf ? (
          <p class="status">The live feed is paused while the catalog is shown as of a moment; the changes up to it are listed.</p>
        ) : (
          <>
            <p class={`status connection ${paused ? 'paused' : connection}`} role="status" aria-live="polite" id="live-status">
              {paused ? 'Paused: new changes are not shown until you resume.' : stateText[connection]}
            </p>
            <button type="button" aria-pressed={paused} onClick={() => update({ paused: paused ? null : 'true' }, { replace: true })}>
              {paused ? 'Resume' : 'Pause'}
            </button>
          </>
        )}
        {rows.length > 0 && <span id="live-received">{formatNumber(rows.length)} new since the page opened</span>}
      </div>
      {problem && <Failure problem={problem} />}
      <Loaded result={recent} what="the latest changes">
        {(data) => {
          const all = [...rows, ...(data.events.nodes ?? [])].slice(0, shown);
          return all.length === 0 ? (
            <Empty>No change matches these filters yet. New ones will appear here as they are stored.</Empty>
          ) : (
            <EventTable events={all} caption={`The latest changes, newest first (of ${formatNumber(data.events.totalCount + rows.length)} that match)`} highlight={fresh} />
          );
        }}
      </Loaded>
    </>
  );
}
