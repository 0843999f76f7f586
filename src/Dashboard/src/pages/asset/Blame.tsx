import { graphql } from '../../generated';
import { useData } from '../../api/useData';
import { PersonLink } from '../../components/Links';
import { Empty, Loaded } from '../../components/Status';
import { formatTime, formatValue, formatVersion } from '../../format';
import { useParams } from '../../url';

const BlameQuery = graphql(`
  query AssetBlame($entityId: UUID!, $version: Decimal) {
    entity(id: $entityId) {
      blame(version: $version) { path field column value changedBy changedAt version eventSequence }
    }
  }
`);

/// Who set each value the asset has (at a version): description, owners, tags, tier, domain,
/// and every column's description, tags, type and constraint.
export function Blame({ entityId, version }: { entityId: string; version?: number | null }) {
  const [params, update] = useParams();
  const column = params.get('column') ?? '';
  const result = useData(BlameQuery, { entityId, version: version ?? undefined });
  return (
    <Loaded result={result} what="who set each value">
      {(data) => {
        const columns = [...new Set((data.entity?.blame ?? []).map((b) => b.column).filter((c): c is string => c != null))];
        const rows = (data.entity?.blame ?? []).filter((b) => !column || (column === '(asset)' ? b.column == null : b.column === column));
        return !data.entity?.blame.length ? (
          <Empty>Nothing to explain: no version is stored.</Empty>
        ) : (
          <>
          <form class="controls" onSubmit={(e) => e.preventDefault()} aria-label="Which values">
            <label>
              Column
              <select value={column} onChange={(e) => update({ column: (e.target as HTMLSelectElement).value || null }, { replace: true })}>
                <option value="">all, and the asset's own fields</option>
                <option value="(asset)">the asset's own fields only</option>
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          </form>
          <div class="table-wrap">
            <table id="blame">
              <caption>Who set each value{version != null ? ` of version ${formatVersion(version)}` : ''}, and when</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Column</th>
                  <th scope="col">Value</th>
                  <th scope="col">Set by</th>
                  <th scope="col">When</th>
                  <th scope="col">In version</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => (
                  <tr key={b.path}>
                    <td class="path">{b.path}</td>
                    <td>{b.column ?? ''}</td>
                    <td class="value">{formatValue(b.value)}</td>
                    <td>
                      <PersonLink name={b.changedBy} />
                    </td>
                    <td>
                      <time dateTime={b.changedAt}>{formatTime(b.changedAt, true)}</time>
                    </td>
                    <td>{formatVersion(b.version)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          </>
        );
      }}
    </Loaded>
  );
}
