import { graphql } from '../../generated';
import { useData } from '../../api/useData';
import { PersonLink } from '../../components/Links';
import { Empty, Loaded } from '../../components/Status';
import { formatTime, formatValue, formatVersion } from '../../format';

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
  const result = useData(BlameQuery, { entityId, version: version ?? undefined });
  return (
    <Loaded result={result} what="who set each value">
      {(data) =>
        !data.entity?.blame.length ? (
          <Empty>Nothing to explain: no version is stored.</Empty>
        ) : (
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
                {data.entity.blame.map((b) => (
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
        )
      }
    </Loaded>
  );
}
