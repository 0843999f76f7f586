using System.Text.Json.Nodes;
using GraphQL;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Restore;

/// Brings a deleted entity back in OpenMetadata: a soft-deleted one through its restore
/// endpoint, a hard-deleted one by sending the create request made from a stored snapshot (the
/// chosen version's, by default the last before the delete). Each attempt is stored before it is
/// sent and completed with OpenMetadata's answer, so that even one whose answer never came is
/// on record. OpenMetadata's own webhook for the restore then arrives like any other.
public sealed class EntityRestorer(IDbContextFactory<HistoryDbContext> contexts, OpenMetadataClient openMetadata, PayloadCodec codec, TimeProvider clock)
{
    private const int MaxStoredAnswerChars = 64 * 1024;

    /// The request a restore of this deletion would send: `{"id"}` for a soft delete, the create
    /// request for a hard one (null when the type has no create rule or no snapshot is stored).
    public static JsonNode? PayloadOf(Deletion deletion, string? snapshot) => deletion.Kind == DeletionKind.Soft
        ? OpenMetadataClient.RestoreBody(deletion.EntityId)
        : snapshot is not null && JsonNode.Parse(snapshot) is JsonObject entity ? CreateRequests.For(deletion.EntityType, entity) : null;

    public async Task<RestoreAttempt> RestoreAsync(Guid entityId, decimal? version, string requestedBy, CancellationToken cancellationToken)
    {
        if (!openMetadata.IsConfigured)
            throw new ExecutionError("OpenMetadata's API is not configured: set OpenMetadata:ApiUrl and OpenMetadata:BotToken.") { Code = "OPENMETADATA_NOT_CONFIGURED" };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.EntityId == entityId, cancellationToken)
            ?? throw new ExecutionError($"No entity {entityId} in the history.") { Code = "ENTITY_NOT_FOUND" };
        if (entity.Lifecycle == Lifecycle.Active)
            throw new ExecutionError($"Entity {entityId} ({entity.Fqn}) is not deleted: there is nothing to restore.") { Code = "ENTITY_NOT_DELETED" };
        if (OpenMetadataCollections.Of(entity.EntityType) is null)
            throw new ExecutionError($"Entities of type '{entity.EntityType}' cannot be restored through OpenMetadata's API.") { Code = "UNSUPPORTED_ENTITY_TYPE" };

        var (attempt, path, body) = entity.Lifecycle == Lifecycle.SoftDeleted
            ? Attempt(entity, RestoreMethod.Restore, null, requestedBy, OpenMetadataClient.RestorePath(entity.EntityType), OpenMetadataClient.RestoreBody(entityId))
            : await RecreationAsync(db, entity, version, requestedBy, cancellationToken);
        db.RestoreAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            // A soft delete is undone on the same entity; a recreation may answer a new id.
            var answer = await openMetadata.PutEntityAsync(path, body, attempt.Method == RestoreMethod.Restore ? entityId : null, cancellationToken);
            attempt.ResponseStatus = answer.Status;
            attempt.ResponseBody = Bounded(answer.Body);
            attempt.Succeeded = true;
        }
        catch (OpenMetadataException ex)
        {
            attempt.ResponseStatus = ex.Status;
            attempt.ErrorCode = ex.Code;
            attempt.ErrorMessage = ex.Message;
        }
        catch (OperationCanceledException)
        {
            // The caller went (or the mutation timed out) before OpenMetadata answered: the
            // attempt says so rather than staying unanswered; whether OpenMetadata acted is unknown.
            attempt.ErrorCode = "CANCELLED";
            attempt.ErrorMessage = "The request was cancelled before OpenMetadata answered; OpenMetadata may or may not have restored the entity.";
            attempt.AnsweredAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        attempt.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        // The answer is recorded even when the caller has gone.
        await db.SaveChangesAsync(CancellationToken.None);
        return attempt;
    }

    private async Task<(RestoreAttempt Attempt, string Path, JsonObject Body)> RecreationAsync(HistoryDbContext db, TrackedEntity entity, decimal? version, string requestedBy, CancellationToken cancellationToken)
    {
        long? sequence;
        decimal? chosen;
        if (version is { } asked)
        {
            var row = await db.EntityVersions.AsNoTracking().FirstOrDefaultAsync(v => v.EntityId == entity.EntityId && v.Version == asked, cancellationToken)
                ?? throw new ExecutionError($"Entity {entity.EntityId} has no version {asked} in the history.") { Code = "VERSION_NOT_FOUND" };
            (sequence, chosen) = (row.EventSequence, row.Version);
        }
        else
        {
            var deletion = await db.Deletions.AsNoTracking().Where(d => d.EntityId == entity.EntityId && d.Kind == DeletionKind.Hard)
                .OrderByDescending(d => d.EventSequence).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ExecutionError($"Entity {entity.EntityId} has no hard delete on record.") { Code = "ENTITY_NOT_DELETED" };
            (sequence, chosen) = (deletion.SnapshotEventSequence, deletion.Version);
        }
        var snapshot = sequence is { } s ? (await StoredSnapshots.LoadAsync(db, codec, [s], cancellationToken)).GetValueOrDefault(s) : null;
        if (snapshot is null || JsonNode.Parse(snapshot) is not JsonObject state)
            throw new ExecutionError($"No snapshot of entity {entity.EntityId} is stored for that version: it cannot be recreated.") { Code = "SNAPSHOT_NOT_FOUND" };
        var request = CreateRequests.For(entity.EntityType, state)
            ?? throw new ExecutionError($"Hard-deleted entities of type '{entity.EntityType}' cannot be recreated: no create request is known for it " +
                $"(known: {string.Join(", ", CreateRequests.EntityTypes)}).") { Code = "UNSUPPORTED_ENTITY_TYPE" };
        return Attempt(entity, RestoreMethod.Recreate, chosen, requestedBy, OpenMetadataClient.CreatePath(entity.EntityType), request);
    }

    /// The attempt as recorded before it is sent, with the path and body that will be sent.
    private (RestoreAttempt, string, JsonObject) Attempt(TrackedEntity entity, RestoreMethod method, decimal? version, string requestedBy, string path, JsonObject body) =>
        (new RestoreAttempt
        {
            EntityId = entity.EntityId,
            EntityType = entity.EntityType,
            Fqn = entity.Fqn,
            Method = method,
            Version = version,
            RequestedBy = requestedBy,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            RequestPath = "PUT " + path,
            RequestBody = body.ToJsonString(),
        }, path, body);

    private static string Bounded(string text) => text.Length <= MaxStoredAnswerChars ? text : text[..MaxStoredAnswerChars];
}
