import { useMemo } from 'preact/hooks';
import { graphql } from '../generated';
import { useData } from '../api/useData';
import { AssetLink, PersonLink } from '../components/Links';
import { Pager, pageArguments } from '../components/Pager';
import { Empty, Loaded } from '../components/Status';
import { formatNumber, formatTime, formatVersion } from '../format';
import { useAsOf, useParams } from '../url';

const DeletionsQuery = graphql(`
  query DeletionsPage($where: DeletionFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    deletions(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { eventSequence entityId entityType fqn kind deletedAt deletedBy version restoredAt restoredBy }
    }
  }
`);

const pageSize = 50;

/// Every soft and hard delete, newest first; a restore made later is shown beside it.
export default function Deletions() {
  const [params, update] = useParams();
  const asOf = useAsOf();
  const kind = params.get('kind');
  const where = useMemo(() => {
    const and: Record<string, unknown>[] = [];
    if (kind === 'SOFT' || kind === 'HARD') and.push({ kind: { eq: kind } });
    if (asOf) and.push({ deletedAt: { lt: asOf.toISOString() } });
    return and.length ? { and } : undefined;
  }, [kind, asOf?.getTime()]);
  const result = useData(DeletionsQuery, { where, ...pageArguments(params, pageSize) });
  return (
    <>
      <h1>Deletions</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} aria-label="Which deletions">
        <label>
          Kind
          <select value={kind ?? ''} onChange={(e) => update({ kind: (e.target as HTMLSelectElement).value || null, after: null, before: null })}>
            <option value="">soft and hard</option>
            <option value="SOFT">soft (can be restored in OpenMetadata)</option>
            <option value="HARD">hard (erased from OpenMetadata)</option>
          </select>
        </label>
      </form>
      <Loaded result={result} what="deletions">
        {(data) =>
          !data.deletions.nodes?.length ? (
            <Empty>No asset has been deleted{asOf ? ' by then' : ''}.</Empty>
          ) : (
            <>
              <p id="deletion-total">{formatNumber(data.deletions.totalCount)} deletions.</p>
              <div class="table-wrap">
                <table>
                  <caption>Deletions, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Asset</th>
                      <th scope="col">Kind</th>
                      <th scope="col">By</th>
                      <th scope="col">Last version</th>
                      <th scope="col">Restored</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.deletions.nodes.map((d) => (
                      <tr key={d.eventSequence}>
                        <td>
                          <time dateTime={d.deletedAt}>{formatTime(d.deletedAt, true)}</time>
                        </td>
                        <td>
                          <span class="muted">{d.entityType}</span> <AssetLink fqn={d.fqn} entityId={d.entityId} />
                        </td>
                        <td>
                          <span class={`badge ${d.kind.toLowerCase()}`}>{d.kind === 'HARD' ? 'hard' : 'soft'}</span>
                        </td>
                        <td>
                          <PersonLink name={d.deletedBy} />
                        </td>
                        <td>{formatVersion(d.version)}</td>
                        <td>{d.restoredAt && (!asOf || new Date(d.restoredAt) < asOf) ? `${formatTime(d.restoredAt)} by ${d.restoredBy ?? 'unknown'}` : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pageInfo={data.deletions.pageInfo} label="deletions" />
            </>
          )
        }
      </Loaded>
    </>
  );
}
