import { useEffect, useMemo, useState } from 'preact/hooks';
import { graphql } from '../../generated';
import { useData } from '../../api/useData';
import { AssetLink } from '../../components/Links';
import { Pager, pageArguments } from '../../components/Pager';
import { Empty, Loaded } from '../../components/Status';
import { formatTime, formatVersion } from '../../format';
import { useAsOf, useParams } from '../../url';

const Suggestions = graphql(`
  query AssetSuggestions($where: EntityFilterInput) {
    entities(where: $where, first: 10, order: [{ fqn: ASC }, { entityId: ASC }]) { nodes { entityId fqn entityType } }
  }
`);

const ResultsThen = graphql(`
  query AssetSearchAsOf($at: DateTime!, $where: EntityVersionFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    catalogAsOf(at: $at, where: $where, first: $first, after: $after, last: $last, before: $before, order: [{ fqn: ASC }]) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { entityId fqn entityType version lifecycle changedAt changedBy }
    }
  }
`);

const Results = graphql(`
  query AssetSearch($where: EntityFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    entities(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { entityId fqn entityType version lifecycle updatedAt updatedBy }
    }
  }
`);

function matching(text: string) {
  return text ? { or: [{ fqn: { contains: text } }, { name: { contains: text } }, { displayName: { contains: text } }] } : undefined;
}

/// Finds an asset by name or fully qualified name, suggesting as the person types.
export function AssetSearch() {
  const [params, update] = useParams();
  const search = params.get('search') ?? '';
  const [draft, setDraft] = useState(search);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTyped(draft.trim()), 250);
    return () => clearTimeout(timer);
  }, [draft]);
  const suggestions = useData(Suggestions, { where: matching(typed) }, { pause: typed.length < 2 });
  const asOf = useAsOf();
  const where = useMemo(() => matching(search), [search]);
  const paging = pageArguments(params, 50);
  const now = useData(Results, { where, ...paging }, { pause: asOf != null });
  // As of a moment: the assets that existed then, by the names they had.
  const then = useData(ResultsThen, { at: asOf?.toISOString() ?? '', where: search ? { fqn: { contains: search } } : undefined, ...paging }, { pause: asOf == null });
  const results = asOf
    ? { ...then, data: then.data && { entities: { ...then.data.catalogAsOf, nodes: then.data.catalogAsOf.nodes?.map((n) => ({ ...n, updatedAt: n.changedAt, updatedBy: n.changedBy })) ?? null } } }
    : now;
  const open = (event: Event) => {
    event.preventDefault();
    const value = draft.trim();
    const exact = suggestions.data?.entities.nodes?.find((n) => n.fqn === value);
    update(exact ? { fqn: value, search: null } : { search: value || null, after: null, before: null });
  };
  return (
    <>
      <h1>Assets</h1>
      <form class="controls" role="search" onSubmit={open}>
        <label for="asset-search">
          Name or fully qualified name
          <input id="asset-search" type="search" list="asset-suggestions" autoComplete="off" value={draft} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />
        </label>
        <datalist id="asset-suggestions">
          {(suggestions.data?.entities.nodes ?? []).map((n) => (
            <option key={n.entityId} value={n.fqn ?? ''}>
              {n.entityType}
            </option>
          ))}
        </datalist>
        <button type="submit">Find</button>
      </form>
      <Loaded result={results} what="assets">
        {(data) =>
          !data.entities.nodes?.length ? (
            <Empty>No asset's name contains "{search}".</Empty>
          ) : (
            <>
              <div class="table-wrap">
                <table>
                  <caption>
                    {search ? `Assets matching "${search}"` : asOf ? 'Assets that existed then, by name' : 'Assets, most recently changed first'} ({data.entities.totalCount})
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Asset</th>
                      <th scope="col">Type</th>
                      <th scope="col">Version</th>
                      <th scope="col">State</th>
                      <th scope="col">Last changed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.entities.nodes.map((n) => (
                      <tr key={n.entityId}>
                        <td>
                          <AssetLink fqn={n.fqn} entityId={n.entityId} />
                        </td>
                        <td>{n.entityType}</td>
                        <td>{formatVersion(n.version)}</td>
                        <td>{n.lifecycle.toLowerCase().replace('_', ' ')}</td>
                        <td>
                          {formatTime(n.updatedAt)} {n.updatedBy && <span class="muted">by {n.updatedBy}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pageInfo={data.entities.pageInfo} label="assets" />
            </>
          )
        }
      </Loaded>
    </>
  );
}
