using GraphQL;
using GraphQL.Types;
using HistoryGraph.Access;
using HistoryGraph.Backfill;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Notifications;
using HistoryGraph.Restore;
using HistoryGraph.Retention;
using HistoryGraph.Schema.ApiKeys;
using HistoryGraph.Schema.Backfill;
using HistoryGraph.Schema.Notifications;
using HistoryGraph.Schema.Restores;
using HistoryGraph.Schema.Retention;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.TrustedDocuments;
using HistoryGraph.TrustedDocuments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Schema;

/// Admin operations: each needs the admin role, checked before anything runs.
public sealed class MutationGraphType : ObjectGraphType
{
    public MutationGraphType()
    {
        Name = "Mutation";
        Description = "Admin operations on OpenMetadata and the history; each needs a key of the admin role (`X-Api-Key` or `Authorization: Bearer`).";

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrustedDocumentGraphType>>>>("registerTrustedDocuments")
            .Description("Registers documents as trusted (each must parse; at most 500 at once), so that clients send their ids (`documentId: \"sha256:<hash>\"`) " +
                "instead of their text; where trusted documents are enforced, the only documents callers other than admins may run. Registering a document again changes nothing.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("documents", "The documents' texts, exactly as clients will have them hashed.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                try
                {
                    return await context.RequestServices!.GetRequiredService<TrustedDocumentStore>().RegisterAsync(
                        context.GetArgument<List<string>>("documents"), caller.Name, context.CancellationToken);
                }
                catch (ArgumentException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = "INVALID_ARGUMENT" };
                }
            });
        Field<NonNullGraphType<CreatedApiKeyGraphType>>("createApiKey")
            .Description("Makes an API key. Its text is in the answer this once and kept nowhere: store it where its user will find it.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "What the key is for, e.g. `dashboard` (1 to 100 characters).")
            .Argument<NonNullGraphType<AccessRoleGraphType>>("role", "What the key may do.")
            .Argument<DateTimeGraphType>("expiresAt", "When the key stops working; default: never.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await KeyOperation(() => context.RequestServices!.GetRequiredService<ApiKeyStore>().CreateAsync(
                    context.GetArgument<string>("name"), context.GetArgument<AccessRole>("role"), context.GetArgument<DateTime?>("expiresAt")?.ToUniversalTime(), caller.Name, context.CancellationToken));
            });
        Field<NonNullGraphType<ApiKeyGraphType>>("revokeApiKey")
            .Description("Revokes a key at once (on other instances within seconds).")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The key's id (`ApiKey.id`).")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await KeyOperation(() => context.RequestServices!.GetRequiredService<ApiKeyStore>().RevokeAsync(context.GetArgument<string>("id"), caller.Name, context.CancellationToken));
            });
        Field<NonNullGraphType<CreatedApiKeyGraphType>>("rotateApiKey")
            .Description("Makes a new key with the old one's name and role; the old one keeps working for `overlapMinutes`, so its users can move over without a gap.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The key to replace.")
            .Argument<IntGraphType>("overlapMinutes", "How long the old key keeps working; default 1440 (a day), 0 ends it now.")
            .Argument<DateTimeGraphType>("expiresAt", "When the new key stops working; default: never.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await KeyOperation(() => context.RequestServices!.GetRequiredService<ApiKeyStore>().RotateAsync(context.GetArgument<string>("id"),
                    TimeSpan.FromMinutes(context.GetArgument<int?>("overlapMinutes") ?? 1440), context.GetArgument<DateTime?>("expiresAt")?.ToUniversalTime(), caller.Name, context.CancellationToken));
            });

        Field<NonNullGraphType<RestoreResultGraphType>>("restoreEntity")
            .Description("Brings a deleted entity back in OpenMetadata: a soft-deleted one through OpenMetadata's restore endpoint, a hard-deleted one by " +
                "creating it again from a stored snapshot (`version`'s, by default the last before the delete; `Deletion.restorePayload` shows the request). " +
                "The attempt is recorded whatever happens (`restoreAttempts`).")
            .Argument<NonNullGraphType<UuidGraphType>>("entityId", "The deleted entity's id.")
            .Argument<DecimalGraphType>("version", "For a hard-deleted entity: the version to recreate. Default: the last before the delete.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await context.RequestServices!.GetRequiredService<EntityRestorer>().RestoreAsync(
                    context.GetArgument<Guid>("entityId"), context.GetArgument<decimal?>("version"), caller.Name, context.CancellationToken);
            });

        Field<NonNullGraphType<BackfillReportGraphType>>("backfill")
            .Description("Reads OpenMetadata's event log (`/v1/events`) from `since` to `until` and stores what the history is missing through the webhook's " +
                "writer (what is already stored is counted and left alone), then fetches the versions missing between stored ones (`versionGaps`) from " +
                "OpenMetadata's version history. OpenMetadata keeps its events for a few days (7 by default).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("since", "The window's start.")
            .Argument<DateTimeGraphType>("until", "The window's end; default: now.")
            .ResolveAsync(async context =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                try
                {
                    return await context.RequestServices!.GetRequiredService<EventBackfill>().RunAsync(
                        context.GetArgument<DateTime>("since").ToUniversalTime(), context.GetArgument<DateTime?>("until")?.ToUniversalTime(), context.CancellationToken);
                }
                catch (ArgumentException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = "INVALID_ARGUMENT" };
                }
                catch (OpenMetadataException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = ex.Code };
                }
            });

        Field<NonNullGraphType<PurgeRunGraphType>>("purge")
            .Description("Removes events older than a cut-off, with their field changes and versions, in short batches; keeps each entity's latest version " +
                "and current state, and every deletion with its last snapshot and restore. Default cut-off: Retention:KeepDays days ago. Recorded in `purgeRuns`.")
            .Argument<DateTimeGraphType>("before", "Purge what happened before this instant.")
            .Argument<IntGraphType>("keepDays", "Purge what is older than this many days.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                var services = context.RequestServices!;
                var (cutoff, problem) = PurgeCutoff.Resolve(context.GetArgument<DateTime?>("before"), context.GetArgument<int?>("keepDays"),
                    services.GetRequiredService<IOptions<RetentionOptions>>().Value.KeepDays, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                if (problem is not null)
                    throw new ExecutionError(problem) { Code = "INVALID_ARGUMENT" };
                return await services.GetRequiredService<HistoryPurge>().PurgeAsync(cutoff, caller.Name, context.CancellationToken);
            });
        Field<NonNullGraphType<NotificationTargetGraphType>>("createNotificationTarget")
            .Description("Adds a place notifications go. It is sent the events stored after it is made that match its `filter`, and its digests.")
            .Argument<NonNullGraphType<CreateNotificationTargetInputGraphType>>("input", "The new target.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await context.RequestServices!.GetRequiredService<TargetManagement>().CreateAsync(
                    context.GetArgument<Dictionary<string, object?>>("input"), caller.Name, context.CancellationToken);
            });

        Field<NonNullGraphType<NotificationTargetGraphType>>("updateNotificationTarget")
            .Description("Changes a notification target: each field given replaces its value, each left out keeps it.")
            .Argument<NonNullGraphType<UpdateNotificationTargetInputGraphType>>("input", "The target and what changes.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                return await context.RequestServices!.GetRequiredService<TargetManagement>().UpdateAsync(
                    (Guid)input["targetId"]!, input, caller.Name, context.CancellationToken);
            });

        Field<NonNullGraphType<NotificationTargetGraphType>>("deleteNotificationTarget")
            .Description("Removes a notification target with its delivery log; returns it as it was.")
            .Argument<NonNullGraphType<UuidGraphType>>("targetId", "The target to remove.")
            .ResolveAsync(async context =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await context.RequestServices!.GetRequiredService<TargetManagement>().DeleteAsync(context.GetArgument<Guid>("targetId"), context.CancellationToken);
            });

        Field<NonNullGraphType<NotificationDeliveryGraphType>>("testNotificationTarget")
            .Description("Sends a test message to a target now, in its format and through its template, once, and returns the attempt as the delivery log records it " +
                "(the receiver's status code and answer, or what went wrong).")
            .Argument<NonNullGraphType<UuidGraphType>>("targetId", "The target to test.")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await context.RequestServices!.GetRequiredService<TargetTester>().TestAsync(context.GetArgument<Guid>("targetId"), caller.Name, context.CancellationToken);
            });

        Field<NonNullGraphType<NotificationDeliveryGraphType>>("sendDigest")
            .Description("Queues a target's digest of any period (even an empty one); it is sent like every delivery, in order, with retries. `notificationDigest` shows it first.")
            .Argument<NonNullGraphType<UuidGraphType>>("targetId", "The target.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "The period's start (included).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "The period's end (excluded).")
            .ResolveAsync(async context =>
            {
                var caller = AccessControl.Require(context.UserContext, AccessRole.Admin);
                var services = context.RequestServices!;
                var (from, to) = (context.GetArgument<DateTime>("from").ToUniversalTime(), context.GetArgument<DateTime>("to").ToUniversalTime());
                if (DigestReports.PeriodProblem(from, to) is { } problem)
                    throw new ExecutionError(problem) { Code = "INVALID_ARGUMENT" };
                var id = context.GetArgument<Guid>("targetId");
                NotificationTarget target;
                await using (var db = await services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync(context.CancellationToken))
                    target = await db.NotificationTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, context.CancellationToken) ?? throw TargetManagement.NotFound(id);
                var delivery = await services.GetRequiredService<DigestScheduler>().QueueAsync(target, DigestPeriod.Custom, from, to, sendWhenEmpty: true, caller.Name, context.CancellationToken);
                services.GetRequiredService<DeliveryWorker>().Wake();
                return delivery!;
            });
    }

    /// A key operation's refusal as the API reports it.
    private static async Task<T> KeyOperation<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (KeyManagementException ex)
        {
            throw new ExecutionError(ex.Message) { Code = ex.Code };
        }
    }
}
