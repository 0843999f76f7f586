import { useMemo } from 'preact/hooks';
import { graphql } from '../generated';
import { useData } from '../api/useData';
import { EventFilters } from '../components/EventFilters';
import { EventTable } from '../components/EventTable';
import { Pager, pageArguments } from '../components/Pager';
import { Empty, Loaded } from '../components/Status';
import { eventFilter } from '../filters';
import { formatNumber } from '../format';
import { useAsOf, useParams } from '../url';

const BreakingQuery = graphql(`
  query BreakingChangesPage($where: ChangeEventFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    events(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        ...EventRowFields
      }
    }
  }
`);

const pageSize = 50;

/// The changes that can break readers (MAJOR: a column removed or renamed, a type changed...).
export default function BreakingChanges() {
  const [params] = useParams();
  const asOf = useAsOf();
  const where = useMemo(() => {
    const filter = eventFilter(params, { before: asOf });
    return filter ? { and: [filter, { breaking: { eq: true } }] } : { breaking: { eq: true } };
  }, [params.toString(), asOf?.getTime()]);
  const result = useData(BreakingQuery, { where, ...pageArguments(params, pageSize) });
  return (
    <>
      <h1>Breaking changes</h1>
      <p class="hint">A change is breaking when it can break whoever reads the asset: a column, field, chart or task removed or renamed, a data type, constraint or partitioning changed.</p>
      <EventFilters id="breaking" fields={['prefix', 'entityType', 'user', 'from', 'to']} />
      <Loaded result={result} what="breaking changes">
        {(data) =>
          !data.events.nodes?.length ? (
            <Empty>No breaking change matches{asOf ? ' up to the chosen moment' : ''}.</Empty>
          ) : (
            <>
              <p id="breaking-total">{formatNumber(data.events.totalCount)} breaking changes.</p>
              <EventTable events={data.events.nodes} caption="Breaking changes, newest first" />
              <Pager pageInfo={data.events.pageInfo} label="breaking changes" />
            </>
          )
        }
      </Loaded>
    </>
  );
}
