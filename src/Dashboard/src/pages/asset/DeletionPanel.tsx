import { useState } from 'preact/hooks';
import { useMutation } from '@urql/preact';
import { graphql } from '../../generated';
import { problemOf } from '../../api/useData';
import { PersonLink } from '../../components/Links';
import { Empty, Failure } from '../../components/Status';
import { formatTime, formatVersion } from '../../format';
import { useViewer } from '../../viewer';

const Restore = graphql(`
  mutation AssetRestore($entityId: UUID!, $version: Decimal) {
    restoreEntity(entityId: $entityId, version: $version) {
      succeeded
      errorCode
      message
      attempt { number responseStatus }
    }
  }
`);

export type DeletionFacts = {
  kind: string;
  deletedAt: string;
  deletedBy?: string | null;
  version?: number | null;
  restoredAt?: string | null;
  restoredBy?: string | null;
};

/// The asset's deletion, and for admins the way back: restore asks OpenMetadata to bring it
/// back (a soft delete is undone; a hard-deleted asset is made again from its last snapshot).
export function DeletionPanel({ entityId, deletion, lifecycle }: { entityId: string; deletion?: DeletionFacts | null; lifecycle: string }) {
  const viewer = useViewer();
  const [result, restore] = useMutation(Restore);
  const [confirming, setConfirming] = useState(false);
  if (!deletion) return <Empty>This asset has never been deleted.</Empty>;
  const answer = result.data?.restoreEntity;
  const problem = problemOf(result.error);
  return (
    <section aria-labelledby="deletion-title">
      <h2 id="deletion-title">Deletion</h2>
      <p id="deletion-facts">
        {deletion.kind === 'HARD' ? 'Hard-deleted (erased from OpenMetadata)' : 'Soft-deleted'} on {formatTime(deletion.deletedAt, true)} by <PersonLink name={deletion.deletedBy} />
        {deletion.version != null && `, at version ${formatVersion(deletion.version)}`}.
        {deletion.restoredAt && (
          <>
            {' '}
            Restored on {formatTime(deletion.restoredAt)} by <PersonLink name={deletion.restoredBy} />.
          </>
        )}
      </p>
      {lifecycle !== 'ACTIVE' &&
        viewer.known &&
        (viewer.admin ? (
          confirming ? (
            <div class="confirm" role="group" aria-label="Confirm the restore">
              <p>Ask OpenMetadata to bring this asset back{deletion.kind === 'HARD' ? ' from its last stored snapshot' : ''}?</p>
              <button
                type="button"
                disabled={result.fetching}
                onClick={() => restore({ entityId }).then(() => setConfirming(false))}
              >
                Restore it
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Restore…
            </button>
          )
        ) : (
          <p class="hint">Restoring needs the admin role.</p>
        ))}
      {answer &&
        (answer.succeeded ? (
          <p role="status">OpenMetadata accepted the restore (attempt {answer.attempt.number}); its webhook will record the new version.</p>
        ) : (
          <Failure problem={{ message: answer.message ?? 'OpenMetadata refused the restore.', code: answer.errorCode ?? undefined }} />
        ))}
      {problem && <Failure problem={problem} />}
    </section>
  );
}
