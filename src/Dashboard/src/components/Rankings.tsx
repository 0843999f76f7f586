import { formatNumber } from '../format';
import { AssetLink, PersonLink } from './Links';
import { Empty } from './Status';

/// Assets ranked by how many changes they had, most first.
export function AssetRanking({ id, rows, empty }: { id: string; rows: { entityId: string; count: number; entity?: { fqn?: string | null; entityType: string } | null }[]; empty: string }) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ol class="ranking" id={id}>
      {rows.map((row) => (
        <li key={row.entityId}>
          <AssetLink fqn={row.entity?.fqn} entityId={row.entityId} /> <span class="muted">{row.entity?.entityType}</span>
          <span class="count">{formatNumber(row.count)}</span>
        </li>
      ))}
    </ol>
  );
}

/// People, bots or agents ranked by how many changes they made, most first.
export function PersonRanking({ id, rows, empty }: { id: string; rows: { name: string; count: number }[]; empty: string }) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ol class="ranking" id={id}>
      {rows.map((row) => (
        <li key={row.name}>
          <PersonLink name={row.name} />
          <span class="count">{formatNumber(row.count)}</span>
        </li>
      ))}
    </ol>
  );
}
