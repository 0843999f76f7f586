using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using HistoryGraph.Hosting;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Hosting;

/// 1.0 starts from one baseline migration per provider, later releases migrate from it: a store
/// made from them alone takes a history and answers it, and the server says which release it is.
public abstract class ReleaseBaselineTests
{
    /// The connection string of a new, empty store.
    protected abstract Task<string> NewStoreAsync();

    /// The migrations the builds before 1.0 applied to this provider's stores, in order.
    protected abstract string[] PreReleaseMigrations { get; }

    private static string ReleaseVersion =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    [Fact]
    public async Task a_store_made_from_the_baseline_alone_takes_a_history_and_answers_it()
    {
        var connectionString = await NewStoreAsync();
        Assert.Equal(0, await MaintenanceCommands.RunAsync(["migrate", $"--ConnectionStrings:History={connectionString}", "--Serilog:MinimumLevel:Default=Warning"]));

        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}");
        await PostgresServerFixture.WaitHealthyAsync(server);
        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync())
        {
            // The baseline, then each later release's migrations.
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal(db.Database.GetMigrations(), applied);
            Assert.EndsWith("_Baseline", applied[0]);
        }

        var id = Guid.NewGuid();
        var fqn = $"mysql.shop.public.baseline_{id:N}";
        var created = OmEvent.Created(id, fqn);
        var described = created.Next().Set("description", "orders placed");
        var deleted = described.Next("entitySoftDeleted").Set("deleted", true);
        var restored = deleted.Next("entityRestored").Set("deleted", false);
        foreach (var e in new[] { created, described, deleted, restored })
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(e.ToJson())).StatusCode);

        var data = await server.QueryAsync("""
            query ($fqn: String!) {
              entities(where: { fqn: { eq: $fqn } }) {
                nodes {
                  lifecycle version description
                  versions { totalCount nodes { version lifecycle } }
                  events { totalCount nodes { eventType user { name } } }
                  fieldChanges(where: { field: { eq: "description" } }) { nodes { changeType newValue event { eventType } } }
                  deletion { kind restoredBy }
                }
              }
              changeStats(bucket: DAY, from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z", where: { fqn: { eq: $fqn } }) { count }
            }
            """, new { fqn });
        var entity = JsonNode.Parse(data.GetProperty("entities").GetProperty("nodes")[0].GetRawText())!;
        Assert.Equal("ACTIVE", entity["lifecycle"]!.GetValue<string>());
        Assert.Equal(0.4m, entity["version"]!.GetValue<decimal>());
        Assert.Equal("orders placed", entity["description"]!.GetValue<string>());
        Assert.Equal(4, entity["versions"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["ACTIVE", "ACTIVE", "SOFT_DELETED", "ACTIVE"],
            entity["versions"]!["nodes"]!.AsArray().OrderBy(v => v!["version"]!.GetValue<decimal>()).Select(v => v!["lifecycle"]!.GetValue<string>()));
        Assert.Equal(4, entity["events"]!["totalCount"]!.GetValue<int>());
        Assert.All(entity["events"]!["nodes"]!.AsArray(), e => Assert.Equal("admin", e!["user"]!["name"]!.GetValue<string>()));
        var change = entity["fieldChanges"]!["nodes"]!.AsArray().Single()!;
        Assert.Equal("ADDED", change["changeType"]!.GetValue<string>());
        Assert.Equal("orders placed", change["newValue"]!.GetValue<string>());
        Assert.Equal("entityUpdated", change["event"]!["eventType"]!.GetValue<string>());
        Assert.Equal("SOFT", entity["deletion"]!["kind"]!.GetValue<string>());
        Assert.Equal("admin", entity["deletion"]!["restoredBy"]!.GetValue<string>());
        Assert.Equal(4, data.GetProperty("changeStats").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));

        var health = JsonNode.Parse(await server.Client.GetStringAsync("/health"))!;
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Equal(ReleaseVersion, health["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_store_through_every_pre_release_migration_is_taken_as_it_is()
    {
        var connectionString = await MigratedStoreAsync();
        await RecordAppliedAsync(connectionString, PreReleaseMigrations);

        Assert.Equal(0, await MaintenanceCommands.RunAsync(["migrate", $"--ConnectionStrings:History={connectionString}", "--Serilog:MinimumLevel:Default=Warning"]));

        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}");
        await PostgresServerFixture.WaitHealthyAsync(server);
        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync())
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal(PreReleaseMigrations.Length + db.Database.GetMigrations().Count(), applied.Count);
            Assert.Contains(applied, id => id.EndsWith("_Baseline", StringComparison.Ordinal));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        var e = OmEvent.Created(Guid.NewGuid(), "mysql.shop.public.adopted");
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(e.ToJson())).StatusCode);
        var data = await server.QueryAsync("query ($id: UUID!) { entity(id: $id) { fqn } }", new { id = e.EntityId });
        Assert.Equal("mysql.shop.public.adopted", data.GetProperty("entity").GetProperty("fqn").GetString());
    }

    [Fact]
    public async Task a_store_stopped_half_way_through_the_pre_release_migrations_is_refused_with_what_to_do()
    {
        var connectionString = await MigratedStoreAsync();
        await RecordAppliedAsync(connectionString, PreReleaseMigrations[..5]);
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, await MaintenanceCommands.RunAsync(["migrate", $"--ConnectionStrings:History={connectionString}", "--Serilog:MinimumLevel:Default=Fatal"]));
        }
        finally
        {
            Console.SetError(before);
        }
        Assert.Contains($"stopped at its migration {PreReleaseMigrations[4]}", error.ToString());
        Assert.Contains("Start that build once more", error.ToString());
    }

    /// A store with the tables as the pre-release chain left them: the baseline's, and none of
    /// the migrations after it.
    private async Task<string> MigratedStoreAsync()
    {
        var connectionString = await NewStoreAsync();
        await using var db = await (await ContextsForAsync(connectionString)).CreateDbContextAsync();
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        return connectionString;
    }

    private static Task<IDbContextFactory<HistoryDbContext>> ContextsForAsync(string connectionString) =>
        connectionString.StartsWith("Data Source=", StringComparison.Ordinal)
            ? TestStores.SqliteAsync(connectionString["Data Source=".Length..], migrate: false)
            : TestStores.PostgresAsync(connectionString, migrate: false);

    /// The migration history a store of the builds before 1.0 has (its tables are the baseline's,
    /// as the pre-release chain leaves them but for column order and leftover defaults).
    private static async Task RecordAppliedAsync(string connectionString, string[] migrations)
    {
        await using var db = await (await ContextsForAsync(connectionString)).CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"");
        foreach (var id in migrations)
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({id}, '10.0.15')");
    }

    [Fact]
    public async Task the_command_line_says_which_release_it_is()
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { ServerProcess.BuiltDll(), "--version" }, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal($"HistoryGraph {ReleaseVersion}", output.Trim());
    }
}
