import { useMemo, useState } from 'preact/hooks';
import { graphql } from '../generated';
import { download } from '../api/download';
import { useData } from '../api/useData';
import { EventFilters } from '../components/EventFilters';
import { AssetLink, PersonLink } from '../components/Links';
import { Pager, pageArguments } from '../components/Pager';
import { Empty, Failure, Loaded } from '../components/Status';
import { localDay } from '../filters';
import { formatNumber, formatTime, formatValue, formatVersion } from '../format';
import { useAsOf, useParams } from '../url';
import { useViewer } from '../viewer';

const AuditQuery = graphql(`
  query AuditLog($where: FieldChangeFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    fieldChanges(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        eventSequence ordinal changedAt changedBy entityType entityId fqn path category changeType version semanticChange oldValue newValue
        event { eventType impersonatedBy }
      }
    }
    checkpoint { number treeSize createdAt }
  }
`);

const pageSize = 50;

/// The audit log's filters, the export's parameters: the same names, the same meaning, so
/// the file holds exactly the rows the page lists.
function exportParameters(params: URLSearchParams, asOf: Date | null) {
  const from = localDay(params.get('from'));
  const untilDay = localDay(params.get('to'), 1);
  const to = [untilDay, asOf].filter((d): d is Date => d != null).sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    from: from?.toISOString(),
    to: to?.toISOString(),
    entityType: params.get('entityType') ?? undefined,
    fqnPrefix: params.get('prefix') ?? undefined,
    user: params.get('user') ?? undefined,
    eventType: params.get('type') ?? undefined,
    category: params.get('category') ?? undefined,
  };
}

function filterOf(values: ReturnType<typeof exportParameters>) {
  const and: Record<string, unknown>[] = [];
  if (values.from) and.push({ changedAt: { gte: values.from } });
  if (values.to) and.push({ changedAt: { lt: values.to } });
  if (values.entityType) and.push({ entityType: { eq: values.entityType } });
  if (values.fqnPrefix) and.push({ fqn: { startsWith: values.fqnPrefix } });
  if (values.user) and.push({ changedBy: { eq: values.user } });
  if (values.category) and.push({ category: { eq: values.category } });
  if (values.eventType) and.push({ event: { eventType: { eq: values.eventType } } });
  return and.length ? { and } : undefined;
}

/// Every field change, filtered, paged, and exported as the API's CSV or NDJSON file.
export default function AuditLog() {
  const [params] = useParams();
  const asOf = useAsOf();
  const viewer = useViewer();
  const values = useMemo(() => exportParameters(params, asOf), [params.toString(), asOf?.getTime()]);
  const where = useMemo(() => filterOf(values), [values]);
  const result = useData(AuditQuery, { where, ...pageArguments(params, pageSize) });
  const [exporting, setExporting] = useState<{ message: string; code?: string; ok: boolean } | null>(null);
  const exportAs = async (format: 'csv' | 'ndjson', proofs = false) => {
    const query = new URLSearchParams({ format });
    for (const [name, value] of Object.entries(values)) if (value && !(proofs && name === 'category')) query.set(name, value);
    if (proofs) query.set('proofs', 'true');
    setExporting({ ok: true, message: 'Exporting…' });
    const answer = await download(`/export?${query}`);
    setExporting(answer.ok ? { ok: true, message: `Saved ${answer.name} (${formatNumber(answer.bytes)} bytes).` } : { ok: false, message: answer.message, code: answer.code });
  };
  return (
    <>
      <h1>Audit log</h1>
      <EventFilters id="audit" fields={['user', 'prefix', 'entityType', 'type', 'category', 'from', 'to']} />
      <section class="export" aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        {!viewer.known ? null : viewer.admin ? (
          <>
            <p>The file holds the field changes this page lists, with the filters above.</p>
            <div class="buttons">
              <button type="button" onClick={() => exportAs('csv')}>
                Export CSV
              </button>
              <button type="button" onClick={() => exportAs('ndjson')}>
                Export NDJSON
              </button>
              {result.data?.checkpoint && (
                <button type="button" onClick={() => exportAs('ndjson', true)} title="The matching events with their inclusion proofs and the signed checkpoint">
                  Export verifiable bundle
                </button>
              )}
            </div>
            {result.data?.checkpoint && (
              <p class="hint">
                The history is verifiable: checkpoint {result.data.checkpoint.number} covers {formatNumber(result.data.checkpoint.treeSize)} events (signed{' '}
                {formatTime(result.data.checkpoint.createdAt)}). The bundle holds whole events{params.get('category') ? ', so the category filter does not apply to it' : ''}.
              </p>
            )}
            {exporting && (exporting.ok ? <p role="status" id="export-status">{exporting.message}</p> : <Failure problem={{ message: exporting.message, code: exporting.code }} />)}
          </>
        ) : (
          <p class="hint">Exports need the admin role; your access reads the history only.</p>
        )}
      </section>
      <Loaded result={result} what="the audit log">
        {(data) =>
          !data.fieldChanges.nodes?.length ? (
            <Empty>No field change matches these filters.</Empty>
          ) : (
            <>
              <p id="audit-count">{formatNumber(data.fieldChanges.totalCount)} field changes match.</p>
              <div class="table-wrap">
                <table class="audit">
                  <caption>Field changes, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">Event</th>
                      <th scope="col">Asset</th>
                      <th scope="col">Version</th>
                      <th scope="col">Field</th>
                      <th scope="col">Category</th>
                      <th scope="col">Change</th>
                      <th scope="col">Before</th>
                      <th scope="col">After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.fieldChanges.nodes.map((row) => (
                      <tr key={`${row.eventSequence}-${row.ordinal}`}>
                        <td>
                          <time dateTime={row.changedAt}>{formatTime(row.changedAt, true)}</time>
                        </td>
                        <td>
                          <PersonLink name={row.changedBy} />
                          {row.event.impersonatedBy && <span class="muted"> via {row.event.impersonatedBy}</span>}
                        </td>
                        <td>{row.event.eventType}</td>
                        <td>
                          <span class="muted">{row.entityType}</span> <AssetLink fqn={row.fqn} entityId={row.entityId} />
                        </td>
                        <td>{formatVersion(row.version)}</td>
                        <td class="path">{row.path}</td>
                        <td>{row.category.toLowerCase().replace('_', ' ')}</td>
                        <td>{row.changeType.toLowerCase()}</td>
                        <td class="value">{formatValue(row.oldValue, 80)}</td>
                        <td class="value">{formatValue(row.newValue, 80)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pageInfo={data.fieldChanges.pageInfo} label="the audit log" />
            </>
          )
        }
      </Loaded>
    </>
  );
}
