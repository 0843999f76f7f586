using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Transport;

/// The graphql-http package's server audit suite, run by Node.js against the live server.
public class GraphQLHttpAuditTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task every_must_and_should_of_the_graphql_over_http_audit_passes()
    {
        var output = await NodeScript.RunAsync("graphql-http-audit.mjs", new Uri(fixture.Server.Address, "/graphql").ToString());
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.True(results.Count >= 40, $"Only {results.Count} audits ran.");
        var failed = results
            .Where(r => r.GetProperty("status").GetString() is "error" or "warn")
            .Select(r => $"{r.GetProperty("id").GetString()} {r.GetProperty("name").GetString()}: {r.GetProperty("reason")}")
            .ToList();
        Assert.True(failed.Count == 0, "Failed audits:\n" + string.Join("\n", failed));
        Assert.Contains(results, r => r.GetProperty("name").GetString()!.StartsWith("MUST", StringComparison.Ordinal) && r.GetProperty("status").GetString() == "ok");
    }
}
