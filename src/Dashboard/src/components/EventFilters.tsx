import { useState } from 'preact/hooks';
import { categories, eventTypes } from '../filters';
import { useParams } from '../url';
import { useViewer } from '../viewer';

type Field = 'type' | 'category' | 'prefix' | 'asset' | 'user' | 'breaking' | 'watcher' | 'from' | 'to' | 'entityType';

const labels: Record<Field, string> = {
  type: 'Event type',
  category: 'Field category',
  prefix: 'Name starts with',
  asset: 'Asset (exact name)',
  user: 'User, bot or agent',
  breaking: 'Breaking only',
  watcher: 'Assets owned or followed by',
  from: 'From',
  to: 'Until',
  entityType: 'Asset type',
};

/// The filters of an event list, kept in the URL; applied when the form is sent, so that
/// typing a name does not ask the server at every key.
export function EventFilters({ fields, id }: { fields: Field[]; id: string }) {
  const [params, update] = useParams();
  const viewer = useViewer();
  // Someone signed in picks their own assets with one box; a shared link naming someone else,
  // a key (which names no catalog user) or a server without sign-in shows the name instead.
  const me = viewer.userName ?? null;
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f, params.get(f) ?? ''])));
  const set = (field: Field, value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const apply = (event: Event) => {
    event.preventDefault();
    update({ ...Object.fromEntries(fields.map((f) => [f, draft[f] || null])), after: null, before: null });
  };
  const clear = () => {
    setDraft(Object.fromEntries(fields.map((f) => [f, ''])));
    update({ ...Object.fromEntries(fields.map((f) => [f, null])), after: null, before: null });
  };
  return (
    <form class="filters" onSubmit={apply} aria-label="Filters">
      {fields.map((field) => {
        const inputId = `${id}-${field}`;
        if (field === 'breaking')
          return (
            <label key={field} class="check" for={inputId}>
              <input id={inputId} type="checkbox" checked={draft.breaking === 'true'} onChange={(e) => set('breaking', (e.target as HTMLInputElement).checked ? 'true' : '')} />
              {labels[field]}
            </label>
          );
        if (field === 'watcher' && me && (draft.watcher === '' || draft.watcher === me))
          return (
            <label key={field} class="check" for={inputId}>
              <input id={inputId} type="checkbox" checked={draft.watcher === me} onChange={(e) => set('watcher', (e.target as HTMLInputElement).checked ? me : '')} />
              Assets I own or follow
            </label>
          );
        if (field === 'category')
          return (
            <label key={field} for={inputId}>
              {labels[field]}
              <select id={inputId} value={draft.category} onChange={(e) => set('category', (e.target as HTMLSelectElement).value)}>
                <option value="">any</option>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {c.toLowerCase().replace('_', ' ')}
                  </option>
                ))}
              </select>
            </label>
          );
        return (
          <label key={field} for={inputId}>
            {labels[field]}
            <input
              id={inputId}
              type={field === 'from' || field === 'to' ? 'date' : 'text'}
              list={field === 'type' ? `${id}-types` : undefined}
              value={draft[field]}
              onInput={(e) => set(field, (e.target as HTMLInputElement).value)}
            />
          </label>
        );
      })}
      {fields.includes('type') && (
        <datalist id={`${id}-types`}>
          {eventTypes.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      )}
      <div class="filter-actions">
        <button type="submit">Apply filters</button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
