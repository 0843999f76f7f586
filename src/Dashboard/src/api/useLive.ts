import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { subscribe } from './client';
import type { Problem } from './useData';

/// A subscription kept open while `enabled`, from `after` (the last sequence the page already
/// has, when it has one). Each result moves `after` on, and graphql-ws resends the payload
/// after a dropped connection, so nothing is missed; the page drops what it already has.
export function useLive<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onData: (data: Data) => void,
  options: { enabled: boolean; sequenceOf: (data: Data) => number | null | undefined; after?: number | null },
): Problem | undefined {
  const [problem, setProblem] = useState<Problem>();
  const handler = useRef(onData);
  handler.current = onData;
  // Read when the subscription starts (or starts again after a pause), not a reason to restart.
  const after = useRef(options.after);
  after.current = options.after;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!options.enabled) return;
    const start = after.current != null ? { ...variables, after: after.current } : variables;
    return subscribe(
      document,
      start as Variables,
      {
        next: (data) => {
          setProblem(undefined);
          handler.current(data);
        },
        error: (message, code) => setProblem({ message, code }),
      },
      options.sequenceOf,
    );
  }, [options.enabled, key]);
  return problem;
}
