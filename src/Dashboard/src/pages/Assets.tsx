import { Link } from 'wouter-preact';
import { graphql } from '../generated';
import { useData } from '../api/useData';
import { PersonLink } from '../components/Links';
import { Empty, Loaded } from '../components/Status';
import { formatTime, formatVersion } from '../format';
import { useAsOf, useParams } from '../url';
import { AssetSearch } from './asset/AssetSearch';
import { Blame } from './asset/Blame';
import { Compare } from './asset/Compare';
import { DeletionPanel } from './asset/DeletionPanel';
import { StateAsOf } from './asset/StateAsOf';
import { Timeline } from './asset/Timeline';

const AssetQuery = graphql(`
  query AssetPage($fqn: String!, $at: DateTime, $asOf: Boolean!) {
    entity(fqn: $fqn) {
      entityId fqn entityType displayName version lifecycle updatedAt updatedBy ownerNames followerNames tagFqns tier service
      deletion { kind deletedAt deletedBy version restoredAt restoredBy }
      completeness { complete }
    }
    then: entityAsOf(fqn: $fqn, at: $at) @include(if: $asOf) {
      entityId version lifecycle changedAt changedBy
      entity { fqn }
    }
  }
`);

const tabs = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'compare', label: 'Compare' },
  { id: 'blame', label: 'Blame' },
  { id: 'asof', label: 'As of' },
  { id: 'deletion', label: 'Deletion' },
];

function AssetDetail({ fqn }: { fqn: string }) {
  const [params, , link] = useParams();
  const asOf = useAsOf();
  const result = useData(AssetQuery, { fqn, at: asOf?.toISOString(), asOf: asOf != null });
  const tab = tabs.some((t) => t.id === params.get('tab')) ? params.get('tab')! : 'timeline';
  return (
    <Loaded result={result} what={fqn}>
      {(data) => {
        const entity = data.entity;
        const then = data.then;
        // A name the asset had then and no longer has: the asset is found by it as of then.
        if (!entity && then?.entity?.fqn)
          return (
            <>
              <h1>{fqn}</h1>
              <p>
                On {formatTime(asOf)} this was the name of the asset now called{' '}
                <Link href={link('/assets', { fqn: then.entity.fqn })}>{then.entity.fqn}</Link>.
              </p>
            </>
          );
        if (!entity)
          return (
            <>
              <h1>{fqn}</h1>
              <Empty>
                No asset has this name now. <Link href={link('/assets', { search: fqn, fqn: null })}>Search for it</Link>, or open it by the name it has today.
              </Empty>
            </>
          );
        return (
          <>
            <p class="crumbs">
              <Link href={link('/assets')}>Assets</Link> / {entity.entityType}
            </p>
            <h1 class="fqn-title">{entity.fqn}</h1>
            {asOf && (
              <p class="banner" id="asset-then">
                {then
                  ? `As of ${formatTime(asOf)}: version ${formatVersion(then.version)}, ${then.lifecycle.toLowerCase().replace('_', ' ')}, made ${formatTime(then.changedAt)} by ${then.changedBy ?? 'unknown'}.`
                  : `The asset did not exist on ${formatTime(asOf)}.`}
              </p>
            )}
            <dl class="facts">
              <dt>Version now</dt>
              <dd id="asset-version">{formatVersion(entity.version)}</dd>
              <dt>State</dt>
              <dd>{entity.lifecycle.toLowerCase().replace('_', ' ')}</dd>
              <dt>Last changed</dt>
              <dd>
                {formatTime(entity.updatedAt)} by <PersonLink name={entity.updatedBy} />
              </dd>
              {entity.ownerNames.length > 0 && (
                <>
                  <dt>Owners</dt>
                  <dd>{entity.ownerNames.join(', ')}</dd>
                </>
              )}
              {entity.followerNames.length > 0 && (
                <>
                  <dt>Followers</dt>
                  <dd>{entity.followerNames.join(', ')}</dd>
                </>
              )}
              {entity.tier && (
                <>
                  <dt>Tier</dt>
                  <dd>{entity.tier}</dd>
                </>
              )}
              {entity.tagFqns.length > 0 && (
                <>
                  <dt>Tags</dt>
                  <dd>{entity.tagFqns.join(', ')}</dd>
                </>
              )}
              {!entity.completeness.complete && (
                <>
                  <dt>History</dt>
                  <dd>Versions are missing (a lost webhook); a backfill can fetch them.</dd>
                </>
              )}
            </dl>
            <nav class="tabs" aria-label="Views of this asset">
              <ul>
                {tabs.map((t) => (
                  <li key={t.id}>
                    <Link href={link('/assets', { fqn, tab: t.id === 'timeline' ? null : t.id })} aria-current={tab === t.id ? 'page' : undefined}>
                      {t.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            {tab === 'timeline' && <Timeline entityId={entity.entityId} />}
            {tab === 'compare' && <Compare entityId={entity.entityId} />}
            {tab === 'blame' && (
              <Blame entityId={entity.entityId} version={params.get('version') ? Number(params.get('version')) : asOf ? (then?.version ?? null) : null} />
            )}
            {tab === 'asof' && <StateAsOf entityId={entity.entityId} />}
            {tab === 'deletion' && <DeletionPanel entityId={entity.entityId} deletion={entity.deletion} lifecycle={entity.lifecycle} />}
          </>
        );
      }}
    </Loaded>
  );
}

/// One asset's history (timeline, compare, blame, as of, deletion), or the search for one.
export default function Assets() {
  const [params] = useParams();
  const fqn = params.get('fqn');
  return fqn ? <AssetDetail fqn={fqn} /> : <AssetSearch />;
}
