/// What the asset pages read out of an OpenMetadata snapshot: the named lists a person
/// compares item by item (a table's columns with their nested children, a pipeline's tasks, a
/// dashboard's charts, a topic's schema fields), matched by name as the server's diff does.
export type Item = { name: string; type: string; description: string; tags: string; constraint: string };
export type NamedList = { title: string; items: Item[] };

type Json = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);
}

function tagsOf(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((tag) => (tag && typeof tag === 'object' ? text((tag as Json).tagFQN ?? (tag as Json).name) : text(tag)))
    .sort()
    .join(', ');
}

function flatten(list: unknown, prefix: string, into: Item[]) {
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const item = entry as Json;
    const name = prefix + text(item.name ?? item.displayName);
    into.push({
      name,
      type: text(item.dataTypeDisplay ?? item.dataType ?? item.chartType ?? item.taskType ?? ''),
      description: text(item.description ?? ''),
      tags: tagsOf(item.tags),
      constraint: text(item.constraint ?? ''),
    });
    flatten(item.children, `${name}.`, into);
  }
}

export function namedLists(snapshot: unknown): NamedList[] {
  if (!snapshot || typeof snapshot !== 'object') return [];
  const root = snapshot as Json;
  const sources: [string, unknown][] = [
    ['Columns', root.columns],
    ['Tasks', root.tasks],
    ['Charts', root.charts],
    ['Schema fields', (root.messageSchema as Json | undefined)?.schemaFields ?? (root.responseSchema as Json | undefined)?.schemaFields],
    ['Features', root.mlFeatures],
  ];
  const lists: NamedList[] = [];
  for (const [title, list] of sources) {
    const items: Item[] = [];
    flatten(list, '', items);
    if (items.length) lists.push({ title, items });
  }
  return lists;
}

export type AlignedRow = { name: string; before?: Item; after?: Item; changed: (keyof Item)[] };

/// Two versions' items side by side, matched by name: the later version's order, with the
/// items it no longer has after the one they followed.
export function align(before: Item[], after: Item[]): AlignedRow[] {
  const old = new Map(before.map((item) => [item.name, item]));
  const rows: AlignedRow[] = [];
  const seen = new Set<string>();
  for (const item of after) {
    const previous = old.get(item.name);
    seen.add(item.name);
    const changed = previous ? (['type', 'description', 'tags', 'constraint'] as const).filter((key) => previous[key] !== item[key]) : [];
    rows.push({ name: item.name, before: previous, after: item, changed: [...changed] });
  }
  before.forEach((item, index) => {
    if (seen.has(item.name)) return;
    const follows = before.slice(0, index).reverse().find((b) => seen.has(b.name) || rows.some((r) => r.name === b.name));
    const at = follows ? rows.findIndex((r) => r.name === follows.name) + 1 : 0;
    rows.splice(at, 0, { name: item.name, before: item, changed: [] });
  });
  return rows;
}

/// The facts a person reads first about an asset's state.
export function facts(snapshot: unknown): [string, string][] {
  if (!snapshot || typeof snapshot !== 'object') return [];
  const root = snapshot as Json;
  const owners = Array.isArray(root.owners) ? root.owners.map((o) => text((o as Json)?.name ?? o)).join(', ') : root.owner ? text((root.owner as Json).name) : '';
  const rows: [string, string][] = [
    ['Name', text(root.fullyQualifiedName ?? root.name)],
    ['Display name', text(root.displayName ?? '')],
    ['Description', text(root.description ?? '')],
    ['Owners', owners],
    ['Tags', tagsOf(root.tags)],
    ['Domain', text((root.domain as Json | undefined)?.name ?? '')],
    ['Version', text(root.version ?? '')],
  ];
  return rows.filter(([, value]) => value !== '');
}
