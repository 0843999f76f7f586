import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { graphql } from './generated';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer { name userName anonymous admin roles expiresAt }
  }
`);

export type Viewer = { name: string; userName?: string | null; anonymous: boolean; admin: boolean; roles: string[]; expiresAt?: string | null; known: boolean };

/// Until the server has said who the dashboard reads as: nothing that depends on the role is
/// shown yet (the pages ask their questions meanwhile, not after it).
export const unknownViewer: Viewer = { name: '', anonymous: true, admin: false, roles: [], known: false };

export const ViewerContext = createContext<Viewer>(unknownViewer);

/// Who the dashboard reads as, to show only what the role allows.
export function useViewer(): Viewer {
  return useContext(ViewerContext);
}
