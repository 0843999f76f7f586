import { useMemo, useState } from 'preact/hooks';
import { graphql } from '../generated';
import { useData } from '../api/useData';
import { StackedBars } from '../components/Chart';
import { EventTable } from '../components/EventTable';
import { AssetRanking } from '../components/Rankings';
import { PersonLink } from '../components/Links';
import { Pager, pageArguments } from '../components/Pager';
import { Empty, Loaded } from '../components/Status';
import { formatDate, formatNumber, formatTime, startOfDay, startOfWeek, timeZone } from '../format';
import { useAsOf, useParams } from '../url';

const PeopleList = graphql(`
  query PeopleList($where: UserFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    users(where: $where, order: [{ changeCount: DESC }, { name: ASC }], first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { name isBot firstSeenAt lastSeenAt changeCount }
    }
  }
`);

const Person = graphql(`
  query PersonPage(
    $name: String!
    $from: DateTime!
    $to: DateTime!
    $timeZone: String!
    $mine: ChangeEventFilterInput!
    $changes: ChangeEventFilterInput
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    user(name: $name) { name isBot firstSeenAt lastSeenAt changeCount }
    changeStats(from: $from, to: $to, bucket: WEEK, timeZone: $timeZone, where: $mine, groupBy: [ACTOR_KIND]) { start count groups { key count } }
    topEntities(from: $from, to: $to, first: 20, where: $mine) { entityId count entity { fqn entityType lifecycle } }
    events(where: $changes, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        ...EventRowFields
      }
    }
  }
`);

const pageSize = 50;
const kindLabels: Record<string, string> = { HUMAN: 'as themselves', BOT: 'as a bot', AGENT: 'through an agent' };

function PeopleIndex() {
  const [params, update] = useParams();
  const search = params.get('search') ?? '';
  const [draft, setDraft] = useState(search);
  const kind = params.get('kind');
  const where = useMemo(() => {
    const and: Record<string, unknown>[] = [];
    if (search) and.push({ name: { contains: search } });
    if (kind === 'bots') and.push({ isBot: { eq: true } });
    if (kind === 'people') and.push({ isBot: { eq: false } });
    return and.length ? { and } : undefined;
  }, [search, kind]);
  const result = useData(PeopleList, { where, ...pageArguments(params, pageSize) });
  return (
    <>
      <h1>People</h1>
      <form
        class="controls"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ search: draft || null, after: null, before: null });
        }}
      >
        <label for="people-search">
          Name contains
          <input id="people-search" type="search" value={draft} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Show
          <select value={kind ?? ''} onChange={(e) => update({ kind: (e.target as HTMLSelectElement).value || null, after: null, before: null })}>
            <option value="">people and bots</option>
            <option value="people">people</option>
            <option value="bots">bots</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <Loaded result={result} what="people">
        {(data) =>
          !data.users.nodes?.length ? (
            <Empty>Nobody matches{search ? ` "${search}"` : ''}.</Empty>
          ) : (
            <>
              <div class="table-wrap">
                <table>
                  <caption>Users and bots that made changes, most changes first ({formatNumber(data.users.totalCount)})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Changes</th>
                      <th scope="col">First seen</th>
                      <th scope="col">Last seen</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.users.nodes.map((user) => (
                      <tr key={user.name}>
                        <td>
                          <PersonLink name={user.name} />
                        </td>
                        <td>{user.isBot ? 'bot' : 'person'}</td>
                        <td>{formatNumber(user.changeCount)}</td>
                        <td>{formatTime(user.firstSeenAt)}</td>
                        <td>{formatTime(user.lastSeenAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pageInfo={data.users.pageInfo} label="people" />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function PersonDetail({ name }: { name: string }) {
  const [params] = useParams();
  const asOf = useAsOf();
  const { from, to } = useMemo(() => {
    const end = asOf ?? new Date();
    return { from: startOfWeek(startOfDay(end, -7 * 25)).toISOString(), to: end.toISOString() };
  }, [asOf?.getTime()]);
  // Their own changes and those an agent made for them, or, for an agent, what it did for anyone.
  const mine = { or: [{ userName: { eq: name } }, { impersonatedBy: { eq: name } }] };
  const changes = asOf ? { and: [mine, { timestamp: { lt: asOf.toISOString() } }] } : mine;
  const result = useData(Person, { name, from, to, timeZone, mine, changes, ...pageArguments(params, pageSize) });
  return (
    <Loaded result={result} what={`${name}'s changes`}>
      {(data) => {
        if (!data.user && !data.events.totalCount) return <Empty>No user, bot or agent named "{name}" has made a change.</Empty>;
        const kinds = [...new Set(data.changeStats.flatMap((b) => b.groups.map((g) => g.key ?? 'UNKNOWN')))].sort();
        const series = kinds.map((kind) => ({ label: kindLabels[kind] ?? kind.toLowerCase(), values: data.changeStats.map((b) => b.groups.find((g) => (g.key ?? 'UNKNOWN') === kind)?.count ?? 0) }));
        const total = data.changeStats.reduce((sum, b) => sum + b.count, 0);
        return (
          <>
            <h1>
              {name} <span class="badge">{data.user?.isBot ? 'bot' : data.user ? 'person' : 'agent'}</span>
            </h1>
            {data.user && (
              <dl class="facts">
                <dt>Changes (all time)</dt>
                <dd id="person-change-count">{formatNumber(data.user.changeCount)}</dd>
                <dt>First seen</dt>
                <dd>{formatTime(data.user.firstSeenAt)}</dd>
                <dt>Last seen</dt>
                <dd>{formatTime(data.user.lastSeenAt)}</dd>
              </dl>
            )}
            <section aria-labelledby="person-chart-title">
              <h2 id="person-chart-title">Changes per week, last 26 weeks</h2>
              {total === 0 ? (
                <Empty>No change in these weeks.</Empty>
              ) : (
                <>
                  <StackedBars times={data.changeStats.map((b) => new Date(b.start).getTime() / 1000)} series={series} label={`${name}'s changes per week, ${formatNumber(total)} in all`} />
                  <details>
                    <summary>The numbers</summary>
                    <table id="person-weeks">
                      <caption>Changes per week</caption>
                      <thead>
                        <tr>
                          <th scope="col">Week of</th>
                          <th scope="col">Changes</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.changeStats.map((b) => (
                          <tr key={b.start}>
                            <th scope="row">{formatDate(b.start)}</th>
                            <td>{formatNumber(b.count)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                </>
              )}
            </section>
            <section aria-labelledby="person-assets-title">
              <h2 id="person-assets-title">Their assets, most changed first</h2>
              <AssetRanking id="person-assets" rows={data.topEntities} empty="No asset changed in these weeks." />
            </section>
            <section aria-labelledby="person-changes-title">
              <h2 id="person-changes-title">Their changes</h2>
              {!data.events.nodes?.length ? (
                <Empty>No change{asOf ? ' by then' : ''}.</Empty>
              ) : (
                <>
                  <EventTable events={data.events.nodes} caption={`${formatNumber(data.events.totalCount)} changes, newest first`} />
                  <Pager pageInfo={data.events.pageInfo} label={`${name}'s changes`} />
                </>
              )}
            </section>
          </>
        );
      }}
    </Loaded>
  );
}

/// People, bots and agents: who changed the most, and one person's changes and assets.
export default function People() {
  const [params] = useParams();
  const name = params.get('name');
  return name ? <PersonDetail name={name} /> : <PeopleIndex />;
}
