using HistoryGraph.TestSupport;
using HistoryGraph.Transparency;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests;

/// A running server on a fresh PostgreSQL database, shared by one test class; a subclass
/// names settings of its own.
public class PostgresServerFixture : IAsyncLifetime
{
    public HistoryGraphServer Server { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    protected virtual string[] Settings => [];

    public virtual async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync();
        Server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History={ConnectionString}", "OpenMetadata:MaxBodyBytes=65536", .. Settings]);
        await Server.Client.GetAsync("/health"); // the schema is migrated in the background
        await WaitHealthyAsync(Server);
    }

    public static async Task WaitHealthyAsync(HistoryGraphServer server)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await server.Client.GetAsync("/health")).IsSuccessStatusCode)
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become healthy within 10 s.");
    }

    public virtual async Task DisposeAsync()
    {
        await AssertVerifiesAsync(Server);
        await Server.DisposeAsync();
    }

    /// Whatever a test class stored, its store verifies against its transparency log once the
    /// class is done: every history the suite makes is a case the verifier must not misread.
    public static async Task AssertVerifiesAsync(HistoryGraphServer server)
    {
        var report = await server.Services.GetRequiredService<HistoryVerifier>().VerifyAsync(null, null, [], CancellationToken.None);
        if (!report.Verified)
            throw new Xunit.Sdk.XunitException($"The store does not verify: {string.Join(" | ", report.Problems.Select(p => $"{p.Kind} {p.Sequence}: {p.Detail}"))}");
    }
}
