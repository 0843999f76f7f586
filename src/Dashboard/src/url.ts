import { useLocation, useSearch } from 'wouter-preact';

/// The state a page keeps in its URL, so that a link opens the same view and the back button
/// goes back to the previous one.
export type Changes = Record<string, string | null | undefined>;

/// Parameters every page keeps when the person moves between pages.
const kept = ['asOf'];

export function withParams(path: string, params: Changes, current?: URLSearchParams): string {
  const next = new URLSearchParams();
  if (current) for (const name of kept) if (current.get(name)) next.set(name, current.get(name)!);
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

export function useParams(): [URLSearchParams, (changes: Changes, options?: { replace?: boolean }) => void, (path: string, params?: Changes) => string] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const update = (changes: Changes, options?: { replace?: boolean }) => {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') next.delete(name);
      else next.set(name, value);
    }
    const query = next.toString();
    navigate(query ? `${location}?${query}` : location, { replace: options?.replace });
  };
  const link = (path: string, values: Changes = {}) => withParams(path, values, params);
  return [params, update, link];
}

/// The catalog-wide "as of" moment every page honours, or null for now.
export function useAsOf(): Date | null {
  const [params] = useParams();
  const value = params.get('asOf');
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
