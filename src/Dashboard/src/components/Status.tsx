import type { ComponentChildren } from 'preact';
import type { Problem } from '../api/useData';

/// Loading, empty and failed states, each saying what it is about.
export function Loading({ what }: { what: string }) {
  return (
    <p class="status loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="status empty">{children}</p>;
}

const hints: Record<string, string> = {
  AUTH_NOT_AUTHENTICATED: 'Sign in or enter a key to read the history.',
  AUTH_NOT_AUTHORIZED: 'Your key or sign-in does not allow this.',
  RATE_LIMITED: 'Too many requests: wait a moment and try again.',
  ENTITY_NOT_FOUND: 'Check the name: no asset has it.',
  VERSION_NOT_FOUND: 'That version is not stored.',
  QUERY_TIMEOUT: 'The question took too long: narrow it (a shorter period, a filter).',
  NETWORK: 'Check that the server is running and reachable.',
  DOCUMENT_NOT_FOUND: 'The server does not know this dashboard build: reload the page.',
};

export function Failure({ problem, retry }: { problem: Problem; retry?: () => void }) {
  return (
    <div class="status failure" role="alert">
      <p>
        <strong>Could not load this.</strong> {problem.message}
        {problem.code && <code class="code"> {problem.code}</code>}
      </p>
      {problem.code && hints[problem.code] && <p>{hints[problem.code]}</p>}
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/// The usual three-way choice: failed, loading, or the content.
export function Loaded<T>({ result, what, children }: { result: { data?: T; loading: boolean; problem?: Problem; refresh?: () => void }; what: string; children: (data: T) => ComponentChildren }) {
  if (result.problem && !result.data) return <Failure problem={result.problem} retry={result.refresh} />;
  if (result.loading || !result.data) return <Loading what={what} />;
  return <>{children(result.data)}</>;
}
