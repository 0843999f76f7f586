/// The change-event filter the pages build from their URL parameters, in the API's `where:`.
export type EventFilter = Record<string, unknown>;

export const eventTypes = ['entityCreated', 'entityUpdated', 'entityFieldsChanged', 'entitySoftDeleted', 'entityDeleted', 'entityRestored', 'entityNoChange'];

export const categories = ['DESCRIPTION', 'DISPLAY_NAME', 'TAGS', 'OWNERS', 'SCHEMA', 'DOMAIN', 'TIER', 'GLOSSARY', 'FOLLOWERS', 'CUSTOM_PROPERTY', 'DELETION', 'OTHER'];

export function eventFilter(params: URLSearchParams, options: { before?: Date | null } = {}): EventFilter | undefined {
  const and: EventFilter[] = [];
  const type = params.get('type');
  if (type) and.push({ eventType: { eq: type } });
  const entityType = params.get('entityType');
  if (entityType) and.push({ entityType: { eq: entityType } });
  const category = params.get('category');
  if (category) and.push({ fieldChanges: { category: { eq: category } } });
  const prefix = params.get('prefix');
  if (prefix) and.push({ fqn: { startsWith: prefix } });
  const fqn = params.get('asset');
  if (fqn) and.push({ fqn: { eq: fqn } });
  const user = params.get('user');
  if (user) and.push({ or: [{ userName: { eq: user } }, { impersonatedBy: { eq: user } }] });
  if (params.get('breaking') === 'true') and.push({ breaking: { eq: true } });
  // "Assets I own or follow": the viewer's name when signed in, anyone's otherwise.
  const watcher = params.get('watcher');
  if (watcher) and.push({ entity: { or: [{ ownerNames: { some: { eq: watcher } } }, { followerNames: { some: { eq: watcher } } }] } });
  const from = localDay(params.get('from'));
  if (from) and.push({ timestamp: { gte: from.toISOString() } });
  // "Until" a day includes that day: up to the next local midnight.
  const to = localDay(params.get('to'), 1);
  const end = [to, options.before ?? null].filter((d): d is Date => d != null && !Number.isNaN(d.getTime()));
  if (end.length) and.push({ timestamp: { lt: new Date(Math.min(...end.map((d) => d.getTime()))).toISOString() } });
  return and.length === 0 ? undefined : and.length === 1 ? and[0] : { and };
}

/// A `yyyy-mm-dd` date as the local midnight that starts it (plus `days`), or null.
export function localDay(value: string | null, days = 0): Date | null {
  const match = value?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
}
