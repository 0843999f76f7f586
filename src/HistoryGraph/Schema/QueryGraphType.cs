using GraphQL;
using GraphQL.Types;
using HistoryGraph.Access;
using HistoryGraph.Backfill;
using HistoryGraph.Completeness;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Notifications;
using HistoryGraph.TrustedDocuments;
using HistoryGraph.Schema.ApiKeys;
using HistoryGraph.Schema.Backfill;
using HistoryGraph.Schema.Completeness;
using HistoryGraph.Schema.Deletions;
using HistoryGraph.Schema.Diffs;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Events;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Notifications;
using HistoryGraph.Schema.Restores;
using HistoryGraph.Schema.Retention;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Statistics;
using HistoryGraph.Schema.TimeTravel;
using HistoryGraph.Schema.Transparency;
using HistoryGraph.Schema.TrustedDocuments;
using HistoryGraph.Schema.Users;
using HistoryGraph.Schema.Versions;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema;

public sealed class QueryGraphType : ObjectGraphType
{
    private const int MaxVersionGaps = 1000;

    public QueryGraphType()
    {
        Name = "Query";
        Description = "The change history of an OpenMetadata catalog.";

        Field<NodeInterface>("node")
            .Description("The object with this global id, or null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id, as an object's `id` field gives it.")
            .ResolveAsync(async context =>
                (await NodeLookup.FindAsync([context.GetArgument<string>("id")], context.Contexts(), context.CancellationToken))[0]);

        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"The objects with these global ids, in the same order (null where there is none); at most {NodeLookup.MaxIds} ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids, as objects' `id` fields give them.")
            .ResolveAsync(async context =>
                await NodeLookup.FindAsync(context.GetArgument<List<string>>("ids"), context.Contexts(), context.CancellationToken));

        this.Connection(
            "entities", "Entities in their current state, hard-deleted ones included; most recently changed first unless `order` says otherwise.",
            EntityQueryable.Declaration, db => db.Entities);
        this.Connection(
            "events", "Change events, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration, db => db.ChangeEvents);
        this.Connection(
            "fieldChanges", "Field changes, newest first unless `order` says otherwise.", FieldChangeQueryable.Declaration, db => db.FieldChanges);
        this.Connection(
            "versions", "Entity versions with their full snapshots, newest first unless `order` says otherwise.", EntityVersionQueryable.Declaration, db => db.EntityVersions);
        this.Connection(
            "users", "Users and bots that made changes, by name unless `order` says otherwise.", UserQueryable.Declaration, db => db.Actors);
        this.Connection(
            "deletions", "Soft and hard deletes, newest first unless `order` says otherwise.", DeletionQueryable.Declaration, db => db.Deletions);
        this.Connection(
            "restoreAttempts", "Admin: requests to bring deleted entities back in OpenMetadata (with the bodies exchanged), newest first unless `order` says otherwise.", RestoreAttemptQueryable.Declaration,
            (db, context) =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                return db.RestoreAttempts;
            });
        this.Connection(
            "purgeRuns", "Admin: runs of the retention purge, newest first unless `order` says otherwise.", PurgeRunQueryable.Declaration,
            (db, context) =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                return db.PurgeRuns;
            });
        this.Connection(
            "notificationTargets", "Admin: where notifications go, by name unless `order` says otherwise.", NotificationTargetQueryable.Declaration,
            (db, context) =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                return db.NotificationTargets;
            });
        this.Connection(
            "notificationDeliveries", "Admin: the delivery log, every notification with its attempts, newest first unless `order` says otherwise.", NotificationDeliveryQueryable.Declaration,
            (db, context) =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                return db.NotificationDeliveries;
            });
        Field<NonNullGraphType<NotificationDigestGraphType>>("notificationDigest")
            .Description("Admin: a target's digest of any period, read from the stored history with the target's filter, and the message its platform would be sent (`sendDigest` sends it).")
            .Argument<NonNullGraphType<UuidGraphType>>("targetId", "The target.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "The period's start (included).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "The period's end (excluded).")
            .ResolveAsync(async context =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                var (from, to) = (context.GetArgument<DateTime>("from").ToUniversalTime(), context.GetArgument<DateTime>("to").ToUniversalTime());
                if (DigestReports.PeriodProblem(from, to) is { } problem)
                    throw new ExecutionError(problem) { Code = "INVALID_ARGUMENT" };
                var id = context.GetArgument<Guid>("targetId");
                await using var db = await context.RequestServices!.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var target = await db.NotificationTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, context.CancellationToken) ?? throw TargetManagement.NotFound(id);
                return await context.RequestServices!.GetRequiredService<DigestReports>().PreviewAsync(db, target, from, to, context.CancellationToken);
            });
        this.Connection(
            "purgedRanges", "The sequences whose events retention removed, in sequence order unless `order` says otherwise.", PurgedRangeQueryable.Declaration, db => db.PurgedRanges);

        Field<NonNullGraphType<ViewerGraphType>>("viewer")
            .Description("Who this request runs as: its name and roles.")
            .Resolve(context => context.UserContext.TryGetValue(Caller.ContextKey, out var caller) && caller is Caller known ? known : Caller.Anonymous);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrustedDocumentGraphType>>>>("trustedDocuments")
            .Description("Admin: the documents admins registered as trusted, newest first (those read from files are in their files).")
            .ResolveAsync(async context =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await context.RequestServices!.GetRequiredService<TrustedDocumentStore>().ListAsync(context.CancellationToken);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyGraphType>>>>("apiKeys")
            .Description("Admin: every API key, newest first, revoked and expired ones too (never a key's secret).")
            .ResolveAsync(async context =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                return await context.RequestServices!.GetRequiredService<ApiKeyStore>().ListAsync(context.CancellationToken);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VersionGapGraphType>>>>("versionGaps")
            .Description("Entities with versions missing between stored ones (a lost webhook), by entity and version. A `backfill` fetches them from OpenMetadata.")
            .Argument<UuidGraphType>("entityId", "Only this entity's gaps.")
            .Argument<IntGraphType>("first", $"How many gaps at most (default 100, at most {MaxVersionGaps}).")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int?>("first") ?? 100;
                if (first is < 0 or > MaxVersionGaps)
                    throw new ExecutionError($"`first` must be between 0 and {MaxVersionGaps}.") { Code = "INVALID_ARGUMENT" };
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                return await VersionGaps.FindAsync(db, context.GetArgument<Guid?>("entityId") is { } id ? [id] : null, first, context.CancellationToken);
            });

        Field<UserGraphType>("user")
            .Description("One user or bot by name (case-sensitive), or null.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The user or bot name.")
            .ResolveAsync(async context =>
            {
                var name = context.GetArgument<string>("name");
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                return await db.Actors.AsNoTracking().FirstOrDefaultAsync(a => a.Name == name, context.CancellationToken);
            });

        Field<EntityGraphType>("entity")
            .Description("One entity by id or by fully qualified name, hard-deleted ones included. An fqn reused after a hard delete finds the entity that is not hard-deleted, else the one changed last.")
            .Argument<UuidGraphType>("id", "OpenMetadata's id of the entity.")
            .Argument<StringGraphType>("fqn", "The fully qualified name, exactly (case-sensitive).")
            .ResolveAsync(async context =>
            {
                var id = context.GetArgument<Guid?>("id");
                var fqn = context.GetArgument<string?>("fqn");
                if (id is null && fqn is null)
                    throw new ExecutionError("Give the entity's id or its fqn.") { Code = "ARGUMENT_MISSING" };
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                var query = db.Entities.AsNoTracking();
                if (id is { } entityId)
                    query = query.Where(e => e.EntityId == entityId);
                if (fqn is not null)
                    query = query.Where(e => e.Fqn == fqn);
                return await query.NowNamed().FirstOrDefaultAsync(context.CancellationToken);
            });

        this.AddCompare();
        this.AddEntityAsOf();
        this.AddCatalogAsOf();
        Field<NonNullGraphType<CompletenessGraphType>>("completeness")
            .Description("How complete the history is over a range, as the reconciler checked it against OpenMetadata window by window: the windows, what was missing and stored, " +
                "the versions still missing and why, the windows no webhook delivered, and the time up to which the history is verified complete.")
            .Argument<DateTimeGraphType>("from", "The range's start; default: a day before `to`.")
            .Argument<DateTimeGraphType>("to", "The range's end; default: now.")
            .ResolveAsync(async context =>
            {
                var to = context.GetArgument<DateTime?>("to")?.ToUniversalTime() ?? DateTime.UtcNow;
                var from = context.GetArgument<DateTime?>("from")?.ToUniversalTime() ?? to.AddDays(-1);
                if (from > to)
                    throw new ExecutionError("`from` is after `to`.") { Code = "INVALID_ARGUMENT" };
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                return await CompletenessReport.ReadAsync(db, DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(to, DateTimeKind.Utc), context.CancellationToken);
            });
        this.AddStatistics();
        this.AddTransparency();
    }
}
