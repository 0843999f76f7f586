import { useMemo, useState } from 'preact/hooks';
import { graphql } from '../../generated';
import { useData } from '../../api/useData';
import { PersonLink } from '../../components/Links';
import { Empty, Loaded } from '../../components/Status';
import { formatNumber, formatTime, formatValue, formatVersion, fromLocalInput, toLocalInput } from '../../format';
import { useAsOf, useParams } from '../../url';
import { RawDiff } from './RawDiff';
import { align, namedLists, type AlignedRow, type Item } from './snapshot';

const VersionList = graphql(`
  query AssetVersionList($entityId: UUID!) {
    entity(id: $entityId) { versions(first: 100) { nodes { version changedAt } } }
  }
`);

const CompareQuery = graphql(`
  query AssetCompare($entityId: UUID!, $fromVersion: Decimal, $toVersion: Decimal, $fromTime: DateTime, $toTime: DateTime) {
    compare(entityId: $entityId, fromVersion: $fromVersion, toVersion: $toVersion, fromTime: $fromTime, toTime: $toTime) {
      from { version changedAt changedBy snapshot }
      to { version changedAt changedBy snapshot }
      semanticChange
      breaking
      changes { path field column category changeType oldValue newValue semanticChange breaking }
    }
  }
`);

const attributes: (keyof Item)[] = ['type', 'description', 'tags', 'constraint'];

function Cell({ row, side, attribute }: { row: AlignedRow; side: 'before' | 'after'; attribute: keyof Item }) {
  const item = row[side];
  if (!item) return <td class="absent">{side === 'before' ? '(not there)' : '(removed)'}</td>;
  const changed = row.changed.includes(attribute);
  return (
    <td class={changed ? `changed ${side}` : undefined}>
      {item[attribute]}
      {changed && <span class="visually-hidden"> (changed)</span>}
    </td>
  );
}

function AlignedTable({ title, rows }: { title: string; rows: AlignedRow[] }) {
  const [onlyChanged, setOnlyChanged] = useState(true);
  const differing = rows.filter((r) => !r.before || !r.after || r.changed.length);
  const shown = onlyChanged ? differing : rows;
  return (
    <section class="aligned" aria-label={title}>
      <h3>
        {title}: {formatNumber(differing.length)} of {formatNumber(rows.length)} differ
      </h3>
      <label class="check">
        <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged((e.target as HTMLInputElement).checked)} />
        Only those that differ
      </label>
      {shown.length > 0 && (
        <div class="table-wrap">
          <table class="aligned-diff">
            <caption>{title} side by side, matched by name</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Name
                </th>
                <th scope="colgroup" colSpan={attributes.length}>
                  Before
                </th>
                <th scope="colgroup" colSpan={attributes.length}>
                  After
                </th>
              </tr>
              <tr>
                {[...attributes, ...attributes].map((a, i) => (
                  <th scope="col" key={i}>
                    {a}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.name} class={!row.before ? 'added' : !row.after ? 'removed' : row.changed.length ? 'updated' : undefined} data-name={row.name}>
                  <th scope="row">
                    {row.name}
                    {!row.before && <span class="badge added">added</span>}
                    {!row.after && <span class="badge removed">removed</span>}
                  </th>
                  {attributes.map((a) => (
                    <Cell key={`b${a}`} row={row} side="before" attribute={a} />
                  ))}
                  {attributes.map((a) => (
                    <Cell key={`a${a}`} row={row} side="after" attribute={a} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/// The raw JSON, made (and its library loaded) only once the person opens it.
function RawSection({ before, after }: { before: unknown; after: unknown }) {
  const [open, setOpen] = useState(false);
  return (
    <details class="raw" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Raw JSON</summary>
      {open && <RawDiff before={before} after={after} />}
    </details>
  );
}

/// Two versions (or the versions in force at two moments): the summary, then the lists side
/// by side, then every other field that differs, then the raw JSON.
export function Compare({ entityId }: { entityId: string }) {
  const [params, update] = useParams();
  const asOf = useAsOf();
  const versions = useData(VersionList, { entityId });
  const from = params.get('from');
  const to = params.get('to');
  const fromTime = params.get('fromTime');
  const toTime = params.get('toTime') ?? (asOf && !to ? asOf.toISOString() : null);
  const byTime = params.get('by') === 'time';
  const [draft, setDraft] = useState({
    from: from ?? '',
    to: to ?? '',
    fromTime: fromTime ? toLocalInput(new Date(fromTime)) : '',
    toTime: toTime ? toLocalInput(new Date(toTime)) : '',
  });
  const variables = useMemo(
    () => ({
      entityId,
      fromVersion: !byTime && from ? Number(from) : undefined,
      toVersion: !byTime && to ? Number(to) : undefined,
      fromTime: byTime && fromTime ? fromTime : undefined,
      toTime: byTime && toTime ? toTime : !byTime && !to && toTime ? toTime : undefined,
    }),
    [entityId, from, to, fromTime, toTime, byTime],
  );
  const ready = byTime ? Boolean(fromTime) : Boolean(from);
  const result = useData(CompareQuery, variables, { pause: !ready });
  const apply = (event: Event) => {
    event.preventDefault();
    if (byTime)
      update({ fromTime: fromLocalInput(draft.fromTime)?.toISOString() ?? null, toTime: fromLocalInput(draft.toTime)?.toISOString() ?? null, from: null, to: null });
    else update({ from: draft.from || null, to: draft.to || null, fromTime: null, toTime: null });
  };
  const options = versions.data?.entity?.versions.nodes ?? [];
  return (
    <>
      <form class="controls compare-form" onSubmit={apply} aria-label="What to compare">
        <fieldset>
          <legend>Compare</legend>
          <label class="check">
            <input type="radio" name="compare-by" checked={!byTime} onChange={() => update({ by: null }, { replace: true })} /> versions
          </label>
          <label class="check">
            <input type="radio" name="compare-by" checked={byTime} onChange={() => update({ by: 'time' }, { replace: true })} /> dates
          </label>
        </fieldset>
        {byTime ? (
          <>
            <label for="compare-from-time">
              From the state on
              <input id="compare-from-time" type="datetime-local" value={draft.fromTime} onInput={(e) => setDraft({ ...draft, fromTime: (e.target as HTMLInputElement).value })} required />
            </label>
            <label for="compare-to-time">
              to the state on (empty: the latest)
              <input id="compare-to-time" type="datetime-local" value={draft.toTime} onInput={(e) => setDraft({ ...draft, toTime: (e.target as HTMLInputElement).value })} />
            </label>
          </>
        ) : (
          <>
            <label for="compare-from">
              From version
              <input id="compare-from" list="compare-versions" inputMode="decimal" value={draft.from} onInput={(e) => setDraft({ ...draft, from: (e.target as HTMLInputElement).value })} required />
            </label>
            <label for="compare-to">
              to version (empty: the latest)
              <input id="compare-to" list="compare-versions" inputMode="decimal" value={draft.to} onInput={(e) => setDraft({ ...draft, to: (e.target as HTMLInputElement).value })} />
            </label>
            <datalist id="compare-versions">
              {options.map((v) => (
                <option key={v.version} value={formatVersion(v.version)}>
                  {formatTime(v.changedAt)}
                </option>
              ))}
            </datalist>
          </>
        )}
        <button type="submit">Compare</button>
      </form>
      {!ready ? (
        <Empty>Choose two versions or two dates to compare, or use "Compare with" on the timeline.</Empty>
      ) : (
        <Loaded result={result} what="the comparison">
          {(data) => {
            const diff = data.compare;
            const counts = { ADDED: 0, UPDATED: 0, DELETED: 0 } as Record<string, number>;
            diff.changes.forEach((c) => (counts[c.changeType] = (counts[c.changeType] ?? 0) + 1));
            const categories = [...new Set(diff.changes.map((c) => c.category.toLowerCase().replace('_', ' ')))];
            const beforeLists = namedLists(diff.from.snapshot);
            const afterLists = namedLists(diff.to.snapshot);
            const titles = [...new Set([...afterLists, ...beforeLists].map((l) => l.title))];
            const others = diff.changes.filter((c) => c.column == null);
            return (
              <>
                <section class="summary" aria-labelledby="compare-summary-title">
                  <h2 id="compare-summary-title">
                    Version {formatVersion(diff.from.version)} → {formatVersion(diff.to.version)}
                  </h2>
                  <p>
                    From {formatTime(diff.from.changedAt)} by <PersonLink name={diff.from.changedBy} /> to {formatTime(diff.to.changedAt)} by{' '}
                    <PersonLink name={diff.to.changedBy} />.
                  </p>
                  <p id="compare-summary">
                    {diff.changes.length === 0
                      ? 'Nothing differs.'
                      : `${formatNumber(diff.changes.length)} changes: ${counts.ADDED} added, ${counts.UPDATED} updated, ${counts.DELETED} removed (${categories.join(', ')}).`}{' '}
                    Significance: <strong>{diff.semanticChange}</strong>
                    {diff.breaking && <span class="badge breaking">breaking</span>}
                  </p>
                </section>
                <section aria-labelledby="compare-fields-title">
                  <h2 id="compare-fields-title">Field by field</h2>
                  {titles.map((title) => (
                    <AlignedTable
                      key={title}
                      title={title}
                      rows={align(beforeLists.find((l) => l.title === title)?.items ?? [], afterLists.find((l) => l.title === title)?.items ?? [])}
                    />
                  ))}
                  {others.length > 0 && (
                    <div class="table-wrap">
                      <table id="compare-other">
                        <caption>Other fields that differ</caption>
                        <thead>
                          <tr>
                            <th scope="col">Field</th>
                            <th scope="col">Change</th>
                            <th scope="col">Before</th>
                            <th scope="col">After</th>
                            <th scope="col">Significance</th>
                          </tr>
                        </thead>
                        <tbody>
                          {others.map((c) => (
                            <tr key={c.path}>
                              <td class="path">{c.path}</td>
                              <td>{c.changeType.toLowerCase()}</td>
                              <td class="value old">{formatValue(c.oldValue)}</td>
                              <td class="value new">{formatValue(c.newValue)}</td>
                              <td>{c.semanticChange}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </section>
                <RawSection before={diff.from.snapshot} after={diff.to.snapshot} />
              </>
            );
          }}
        </Loaded>
      )}
    </>
  );
}
