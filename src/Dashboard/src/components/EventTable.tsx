import { graphql } from '../generated';
import { formatTime, formatVersion } from '../format';
import { AssetLink, PersonLink } from './Links';

/// What an event table shows of each event: every list of events selects it.
export const EventRowFields = graphql(`
  fragment EventRowFields on ChangeEvent {
    sequence timestamp eventType entityType entityId fqn userName impersonatedBy currentVersion semanticChange breaking
    fieldChanges { path changeType category }
  }
`);

export type EventRow = {
  sequence: number;
  timestamp: string;
  eventType: string;
  entityType: string;
  entityId?: string;
  fqn?: string | null;
  userName?: string | null;
  impersonatedBy?: string | null;
  currentVersion?: number | null;
  semanticChange: string;
  breaking: boolean;
  fieldChanges?: { path: string; changeType: string; category?: string }[];
};

const changeMarks: Record<string, string> = { ADDED: '+', UPDATED: '~', DELETED: '−' };

/// Change events as a table: when, who, what happened to which asset, and the fields it touched.
export function EventTable({ events, caption, highlight }: { events: EventRow[]; caption: string; highlight?: Set<number> }) {
  return (
    <div class="table-wrap">
      <table class="events">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Event</th>
            <th scope="col">Asset</th>
            <th scope="col">Version</th>
            <th scope="col">Fields</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.sequence} data-sequence={event.sequence} class={highlight?.has(event.sequence) ? 'new' : undefined}>
              <td>
                <time dateTime={event.timestamp}>{formatTime(event.timestamp, true)}</time>
              </td>
              <td>
                <PersonLink name={event.userName} />
                {event.impersonatedBy && (
                  <span class="muted">
                    {' '}
                    via <PersonLink name={event.impersonatedBy} />
                  </span>
                )}
              </td>
              <td>
                {event.eventType}
                {event.breaking && <span class="badge breaking">breaking</span>}
              </td>
              <td>
                <span class="muted">{event.entityType}</span> <AssetLink fqn={event.fqn} entityId={event.entityId} />
              </td>
              <td>{formatVersion(event.currentVersion)}</td>
              <td class="paths">
                {(event.fieldChanges ?? []).slice(0, 6).map((change) => (
                  <span key={change.path} class={`path ${change.changeType.toLowerCase()}`}>
                    {changeMarks[change.changeType] ?? ''}
                    {change.path}
                  </span>
                ))}
                {(event.fieldChanges?.length ?? 0) > 6 && <span class="muted"> and {event.fieldChanges!.length - 6} more</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
