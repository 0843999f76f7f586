import { useMemo } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { graphql } from '../../generated';
import { useData } from '../../api/useData';
import { PersonLink } from '../../components/Links';
import { Pager, pageArguments } from '../../components/Pager';
import { Empty, Loaded } from '../../components/Status';
import { formatNumber, formatTime, formatValue, formatVersion } from '../../format';
import { useAsOf, useParams } from '../../url';

const TimelineQuery = graphql(`
  query AssetTimeline($entityId: UUID!, $where: EntityVersionFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    entity(id: $entityId) {
      versions(where: $where, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes {
          version changedAt changedBy impersonatedBy eventType eventSequence semanticChange breaking lifecycle
          fieldChanges { path changeType category oldValue newValue }
        }
      }
    }
  }
`);

/// Every version of the asset, newest first: when, who, and what each one changed.
export function Timeline({ entityId }: { entityId: string }) {
  const [params, , link] = useParams();
  const asOf = useAsOf();
  const where = useMemo(() => (asOf ? { changedAt: { lt: asOf.toISOString() } } : undefined), [asOf?.getTime()]);
  const result = useData(TimelineQuery, { entityId, where, ...pageArguments(params, 25) });
  const fqn = params.get('fqn') ?? '';
  return (
    <Loaded result={result} what="the versions">
      {(data) => {
        const versions = data.entity?.versions;
        if (!versions?.nodes?.length) return <Empty>No version is stored{asOf ? ' from before the chosen moment' : ''}.</Empty>;
        return (
          <>
            <p id="version-count">{formatNumber(versions.totalCount)} versions.</p>
            <ol class="timeline">
              {versions.nodes.map((v, i) => {
                const previous = versions.nodes![i + 1]?.version;
                return (
                  <li key={v.eventSequence} data-version={formatVersion(v.version)}>
                    <div class="timeline-head">
                      <strong>Version {formatVersion(v.version)}</strong> <span class="muted">{v.eventType}</span>
                      {v.breaking && <span class="badge breaking">breaking</span>}
                      {v.lifecycle !== 'ACTIVE' && <span class="badge">{v.lifecycle.toLowerCase().replace('_', ' ')}</span>}
                      <span>
                        {' '}
                        <time dateTime={v.changedAt}>{formatTime(v.changedAt, true)}</time> by <PersonLink name={v.changedBy} />
                        {v.impersonatedBy && <span class="muted"> via {v.impersonatedBy}</span>}
                      </span>
                      {previous != null && (
                        <Link href={link('/assets', { fqn, tab: 'compare', from: formatVersion(previous), to: formatVersion(v.version), fromTime: null, toTime: null })}>
                          Compare with {formatVersion(previous)}
                        </Link>
                      )}
                    </div>
                    {v.fieldChanges.length > 0 && (
                      <ul class="changes">
                        {v.fieldChanges.map((c) => (
                          <li key={c.path}>
                            <span class={`path ${c.changeType.toLowerCase()}`}>{c.path}</span> <span class="muted">{c.changeType.toLowerCase()}</span>
                            {c.oldValue != null && <span class="old"> {formatValue(c.oldValue, 80)}</span>}
                            {c.oldValue != null && c.newValue != null && ' → '}
                            {c.newValue != null && <span class="new"> {formatValue(c.newValue, 80)}</span>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
            <Pager pageInfo={versions.pageInfo} label="versions" />
          </>
        );
      }}
    </Loaded>
  );
}
