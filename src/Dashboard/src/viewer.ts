import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { graphql } from './generated';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer { name anonymous admin roles expiresAt }
  }
`);

export type Viewer = { name: string; anonymous: boolean; admin: boolean; roles: string[]; expiresAt?: string | null };

export const ViewerContext = createContext<Viewer>({ name: 'anonymous', anonymous: true, admin: false, roles: [] });

/// Who the dashboard reads as, to show only what the role allows.
export function useViewer(): Viewer {
  return useContext(ViewerContext);
}
