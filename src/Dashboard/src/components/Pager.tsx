import { useParams } from '../url';

type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };

/// Cursor paging kept in the URL (`after`/`before`, or `<prefix>After` for a second list on
/// the same page), so that a page of a list can be linked and the back button returns to it.
export function Pager({ pageInfo, prefix = '', label }: { pageInfo: PageInfo; prefix?: string; label: string }) {
  const [params, update] = useParams();
  const after = prefix ? `${prefix}After` : 'after';
  const before = prefix ? `${prefix}Before` : 'before';
  const onFirst = !params.get(after) && !params.get(before);
  // Paging forward the API may not know whether there is a page before, paging backward
  // whether there is one after: the way the person came tells.
  const backward = Boolean(params.get(before));
  const hasPrevious = !onFirst && (!backward || pageInfo.hasPreviousPage);
  const hasNext = backward || pageInfo.hasNextPage;
  if (onFirst && !pageInfo.hasNextPage) return null;
  return (
    <nav class="pager" aria-label={`Pages of ${label}`}>
      <button type="button" disabled={onFirst} onClick={() => update({ [after]: null, [before]: null })}>
        First
      </button>
      <button type="button" disabled={!hasPrevious} onClick={() => update({ [after]: null, [before]: pageInfo.startCursor })}>
        Previous
      </button>
      <button type="button" disabled={!hasNext} onClick={() => update({ [before]: null, [after]: pageInfo.endCursor })}>
        Next
      </button>
    </nav>
  );
}

/// The paging arguments of the URL's cursors: `first` forward, `last` backward.
export function pageArguments(params: URLSearchParams, size: number, prefix = '') {
  const after = params.get(prefix ? `${prefix}After` : 'after');
  const before = params.get(prefix ? `${prefix}Before` : 'before');
  return before ? { last: size, before } : { first: size, after: after ?? undefined };
}
