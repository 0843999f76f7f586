import { useMemo, useState } from 'preact/hooks';
import { graphql } from '../generated';
import { useData } from '../api/useData';
import { useLive } from '../api/useLive';
import { StackedBars } from '../components/Chart';
import { EventTable } from '../components/EventTable';
import { AssetRanking, PersonRanking } from '../components/Rankings';
import { AssetLink, PersonLink } from '../components/Links';
import { Empty, Failure, Loaded } from '../components/Status';
import { formatDate, formatNumber, formatTime, startOfDay, startOfWeek, timeZone } from '../format';
import { useAsOf, useParams } from '../url';

const ChangesOverTime = graphql(`
  query OverviewChanges($from: DateTime!, $to: DateTime!, $bucket: TimeBucket!, $timeZone: String!, $groupBy: [ChangeStatsGroup!]) {
    changeStats(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone, groupBy: $groupBy) {
      start
      end
      count
      groups { key count }
    }
  }
`);

const Rankings = graphql(`
  query OverviewRankings($from: DateTime!, $to: DateTime!) {
    topEntities(from: $from, to: $to, first: 10) { entityId count entity { fqn entityType lifecycle } }
    people: topUsers(from: $from, to: $to, first: 10, kind: HUMAN) { name count }
    bots: topUsers(from: $from, to: $to, first: 10, kind: BOT) { name count }
    agents: topUsers(from: $from, to: $to, first: 10, kind: AGENT) { name count }
    deletions(first: 5, where: { deletedAt: { lt: $to } }) {
      totalCount
      nodes { eventSequence entityId entityType fqn kind deletedAt deletedBy restoredAt }
    }
    breaking: events(first: 5, where: { breaking: { eq: true }, timestamp: { lt: $to } }) {
      totalCount
      nodes {
        ...EventRowFields
      }
    }
  }
`);

const LiveCounts = graphql(`
  subscription OverviewLiveCounts($bucket: TimeBucket!, $timeZone: String!, $groupBy: [ChangeStatsGroup!], $after: Long) {
    changeStats(bucket: $bucket, timeZone: $timeZone, groupBy: $groupBy, after: $after) {
      start
      end
      count
      sequence
      groups { key count }
    }
  }
`);

type Bucket = { start: string; end: string; count: number; groups: { key?: string | null; count: number }[] };

const ranges: Record<string, { label: string; days: number }> = {
  '7d': { label: 'Last 7 days', days: 7 },
  '30d': { label: 'Last 30 days', days: 30 },
  '90d': { label: 'Last 90 days', days: 90 },
  '365d': { label: 'Last year', days: 365 },
};

/// What changed in the catalog over time, who changed it most, and what broke.
export function Overview() {
  const [params, update] = useParams();
  const asOf = useAsOf();
  const range = ranges[params.get('range') ?? ''] ? params.get('range')! : '30d';
  const bucket = params.get('bucket') === 'week' ? 'WEEK' : 'DAY';
  const by = params.get('by') === 'category' ? 'CATEGORY' : 'EVENT_TYPE';
  // The window ends now (or at the "as of" moment) and starts at a midnight (a Monday for
  // weeks) of the browser's time zone, so that every bucket is a whole day or week.
  const { from, to } = useMemo(() => {
    const end = asOf ?? new Date();
    const first = startOfDay(end, 1 - ranges[range].days);
    return { from: (bucket === 'WEEK' ? startOfWeek(first) : first).toISOString(), to: end.toISOString() };
  }, [asOf?.getTime(), range, bucket]);

  const chart = useData(ChangesOverTime, { from, to, bucket, timeZone, groupBy: [by] });
  const lists = useData(Rankings, { from, to });

  // Live: each commit pushes the buckets it touched, as they stand; counts only grow, so the
  // larger of the query's and the push's count is the current one.
  const [live, setLive] = useState<Record<string, Bucket>>({});
  const liveProblem = useLive(
    LiveCounts,
    { bucket, timeZone, groupBy: [by] },
    (data) => setLive((current) => ({ ...current, [new Date(data.changeStats.start).toISOString()]: data.changeStats })),
    { enabled: !asOf, sequenceOf: (data) => data.changeStats.sequence },
  );

  const buckets = useMemo(() => {
    const answered = chart.data?.changeStats ?? [];
    const merged = answered.map((b) => {
      const pushed = live[new Date(b.start).toISOString()];
      return pushed && pushed.count >= b.count ? { ...b, count: pushed.count, groups: pushed.groups } : b;
    }) as Bucket[];
    // A bucket that began after the page asked (past midnight) comes only from the pushes.
    const last = merged.length ? new Date(merged[merged.length - 1].start).getTime() : Number.POSITIVE_INFINITY;
    const later = Object.values(live)
      .filter((b) => new Date(b.start).getTime() > last)
      .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
    return [...merged, ...later];
  }, [chart.data, live]);

  const groups = useMemo(() => {
    const totals = new Map<string, number>();
    for (const b of buckets) for (const g of b.groups) totals.set(g.key ?? '(none)', (totals.get(g.key ?? '(none)') ?? 0) + g.count);
    return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  }, [buckets]);
  const series = useMemo(
    () => groups.map((key) => ({ label: key, values: buckets.map((b) => b.groups.find((g) => (g.key ?? '(none)') === key)?.count ?? 0) })),
    [groups, buckets],
  );
  const times = useMemo(() => buckets.map((b) => new Date(b.start).getTime() / 1000), [buckets]);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const current = buckets[buckets.length - 1];

  return (
    <>
      <h1>Overview</h1>
      <form class="controls" aria-label="What the overview shows" onSubmit={(e) => e.preventDefault()}>
        <label>
          Period
          <select value={range} onChange={(e) => update({ range: (e.target as HTMLSelectElement).value })}>
            {Object.entries(ranges).map(([value, r]) => (
              <option key={value} value={value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Per
          <select value={bucket === 'WEEK' ? 'week' : 'day'} onChange={(e) => update({ bucket: (e.target as HTMLSelectElement).value })}>
            <option value="day">day</option>
            <option value="week">week</option>
          </select>
        </label>
        <label>
          By
          <select value={by === 'CATEGORY' ? 'category' : 'type'} onChange={(e) => update({ by: (e.target as HTMLSelectElement).value })}>
            <option value="type">event type</option>
            <option value="category">field category</option>
          </select>
        </label>
        <span class="muted">Times in {timeZone}.</span>
      </form>

      <section aria-labelledby="counters-title" class="counters">
        <h2 id="counters-title" class="visually-hidden">
          Counters
        </h2>
        <div class="counter">
          <span class="counter-label">Changes in the period</span>
          <output id="total-changes" class="counter-value">
            {chart.data ? formatNumber(total) : '…'}
          </output>
        </div>
        <div class="counter">
          <span class="counter-label">{bucket === 'WEEK' ? 'This week' : asOf ? 'That day' : 'Today'}</span>
          <output id="current-changes" class="counter-value">
            {current ? formatNumber(current.count) : '…'}
          </output>
        </div>
        <div class="counter">
          <span class="counter-label">Breaking changes, all time to then</span>
          <output id="breaking-changes" class="counter-value">
            {lists.data ? formatNumber(lists.data.breaking.totalCount) : '…'}
          </output>
        </div>
        <div class="counter">
          <span class="counter-label">Deletions, all time to then</span>
          <output id="deletion-count" class="counter-value">
            {lists.data ? formatNumber(lists.data.deletions.totalCount) : '…'}
          </output>
        </div>
        {liveProblem && <Failure problem={liveProblem} />}
      </section>

      <section aria-labelledby="chart-title">
        <h2 id="chart-title">Changes per {bucket === 'WEEK' ? 'week' : 'day'} by {by === 'CATEGORY' ? 'field category' : 'event type'}</h2>
        <Loaded result={chart} what="changes over time">
          {() =>
            total === 0 ? (
              <Empty>No change in this period{asOf ? ' up to the chosen moment' : ''}.</Empty>
            ) : (
              <>
                <StackedBars times={times} series={series} label={`Changes per ${bucket === 'WEEK' ? 'week' : 'day'}, ${formatNumber(total)} in all`} />
                <details>
                  <summary>The numbers</summary>
                  <div class="table-wrap">
                    <table id="changes-table">
                      <caption>Changes per {bucket === 'WEEK' ? 'week' : 'day'}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{bucket === 'WEEK' ? 'Week of' : 'Day'}</th>
                          {groups.map((key, i) => (
                            <th scope="col" key={key}>
                              <span class="swatch" data-color={i % 8} aria-hidden="true" />
                              {key}
                            </th>
                          ))}
                          <th scope="col">Events</th>
                        </tr>
                      </thead>
                      <tbody>
                        {buckets.map((b, row) => (
                          <tr key={b.start}>
                            <th scope="row">{formatDate(b.start)}</th>
                            {series.map((s) => (
                              <td key={s.label}>{formatNumber(s.values[row])}</td>
                            ))}
                            <td>{formatNumber(b.count)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  {by === 'CATEGORY' && <p class="hint">An event that changed fields of several categories counts once under each.</p>}
                </details>
              </>
            )
          }
        </Loaded>
      </section>

      <Loaded result={lists} what="the most changed assets and the most active people">
        {(data) => (
          <div class="grid">
            <section aria-labelledby="top-assets-title">
              <h2 id="top-assets-title">Most changed assets</h2>
              <AssetRanking id="top-assets" rows={data.topEntities} empty="No asset changed in this period." />
            </section>
            {(
              [
                ['people', 'Most active people', data.people, 'No person made a change in this period.'],
                ['bots', 'Most active bots', data.bots, 'No bot made a change in this period.'],
                ['agents', 'Agents acting for people', data.agents, 'No agent acted for anyone in this period.'],
              ] as const
            ).map(([id, title, rows, empty]) => (
              <section key={id} aria-labelledby={`top-${id}-title`}>
                <h2 id={`top-${id}-title`}>{title}</h2>
                <PersonRanking id={`top-${id}`} rows={rows} empty={empty} />
              </section>
            ))}
            <section aria-labelledby="recent-deletions-title">
              <h2 id="recent-deletions-title">Recent deletions</h2>
              {data.deletions.nodes?.length ? (
                <ul class="plain" id="recent-deletions">
                  {data.deletions.nodes.map((d) => (
                    <li key={d.eventSequence}>
                      <AssetLink fqn={d.fqn} entityId={d.entityId} /> <span class={`badge ${d.kind.toLowerCase()}`}>{d.kind === 'HARD' ? 'hard delete' : 'soft delete'}</span>
                      <span class="muted">
                        {' '}
                        {formatTime(d.deletedAt)} by <PersonLink name={d.deletedBy} />
                        {d.restoredAt ? ', restored' : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty>Nothing has been deleted.</Empty>
              )}
            </section>
          </div>
        )}
      </Loaded>
      <section aria-labelledby="recent-breaking-title">
        <h2 id="recent-breaking-title">Recent breaking changes</h2>
        <Loaded result={lists} what="breaking changes">
          {(data) =>
            data.breaking.nodes?.length ? (
              <EventTable events={data.breaking.nodes} caption="The latest changes that can break readers (MAJOR)" />
            ) : (
              <Empty>No breaking change has been recorded.</Empty>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
