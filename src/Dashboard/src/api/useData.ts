import { useQuery } from '@urql/preact';
import type { AnyVariables, CombinedError, TypedDocumentNode } from '@urql/core';
import { useEffect } from 'preact/hooks';
import { access } from './access';

export type Problem = { message: string; code?: string };

/// What went wrong, in the API's words: its message and `extensions.code`.
export function problemOf(error: CombinedError | undefined): Problem | undefined {
  if (!error) return undefined;
  const first = error.graphQLErrors[0];
  if (first) return { message: first.message, code: first.extensions?.code as string | undefined };
  const status = (error.response as Response | undefined)?.status;
  if (status === 401) return { message: 'This needs a key or a sign-in.', code: 'AUTH_NOT_AUTHENTICATED' };
  return { message: error.networkError ? `The server did not answer (${error.networkError.message}).` : error.message, code: 'NETWORK' };
}

/// A query by its trusted document: the last answer at once when there is one (going back
/// shows the page as it was), refreshed from the server.
export function useData<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  options: { pause?: boolean } = {},
) {
  const [result, reexecute] = useQuery<Data, Variables>({ query: document, variables, pause: options.pause } as never);
  const problem = problemOf(result.error);
  useEffect(() => {
    if (problem?.code === 'AUTH_NOT_AUTHENTICATED') access.signInNeeded(problem.message);
  }, [problem?.code]);
  return {
    data: result.data,
    loading: result.fetching && !result.data,
    refreshing: result.fetching,
    problem,
    refresh: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
