using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;
using Npgsql;

namespace HistoryGraph.Tests.Hosting;

/// A PostgreSQL primary with a streaming standby made by pg_basebackup -R, and the server given
/// both hosts with Storage:ReadFrom=PreferStandby: writes go to the primary, queries and exports
/// to the standby, and an answer is never older than the sequence the caller names: while the
/// standby's replay is paused, a read that names a newer sequence is answered by the primary.
public class StandbyReadTests : IAsyncLifetime
{
    private PostgresServer _primary = null!;
    private PostgresServer _standby = null!;
    private HistoryGraphServer _server = null!;

    public async Task InitializeAsync()
    {
        _primary = await PostgresServer.StartNewAsync();
        var database = new NpgsqlConnectionStringBuilder(await _primary.CreateDatabaseAsync("standby")).Database;
        _standby = await _primary.StartStandbyAsync();
        var connectionString = $"Host=127.0.0.1:{_primary.Port},127.0.0.1:{_standby.Port};Database={database};Username=postgres";
        _server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}", "Storage:ReadFrom=PreferStandby", "Storage:StandbyWaitMilliseconds=500", $"Admin:ApiKeys:0={AdminKey}");
        await PostgresServerFixture.WaitHealthyAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _standby.DisposeAsync();
        await _primary.DisposeAsync();
    }

    [Fact]
    public async Task queries_read_from_the_standby_and_never_older_than_the_sequence_asked_for()
    {
        var first = await StoreAsync("mysql.shop.public.standby_a");

        // Caught up: the standby answers, with the event asked for.
        var (count, source) = await CountAsync(first);
        Assert.Equal("standby", source);
        Assert.Equal(1, count);
        Assert.True(await ReaderConnectionsAsync() > 0, "No reader connection reached the standby.");

        // The standby stops replaying: a new event is on the primary only.
        await _standby.ScalarAsync("SELECT pg_wal_replay_pause()");
        try
        {
            var second = await StoreAsync("mysql.shop.public.standby_b");

            // Naming it: the standby is behind, so the primary answers (after the short wait).
            (count, source) = await CountAsync(second);
            Assert.Equal("primary", source);
            Assert.Equal(2, count);
            // Naming nothing: the standby answers as far as it has replayed.
            (count, source) = await CountAsync(null);
            Assert.Equal("standby", source);
            Assert.Equal(1, count);

            using var export = new HttpRequestMessage(HttpMethod.Get, "/export?format=ndjson");
            export.Headers.Add("HistoryGraph-Min-Sequence", second.ToString(System.Globalization.CultureInfo.InvariantCulture));
            export.Headers.Add("X-Api-Key", AdminKey);
            using var exported = await _server.Client.SendAsync(export);
            Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
            Assert.Equal("primary", exported.Headers.GetValues("HistoryGraph-Read-From").Single());
        }
        finally
        {
            await _standby.ScalarAsync("SELECT pg_wal_replay_resume()");
        }

        // Replaying again: the standby catches up within the wait and answers.
        var third = await StoreAsync("mysql.shop.public.standby_c");
        (count, source) = await CountAsync(third);
        Assert.Equal("standby", source);
        Assert.Equal(3, count);

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ events(first: 1) { totalCount } }" }) };
        bad.Headers.Add("HistoryGraph-Min-Sequence", "soon");
        Assert.Equal(HttpStatusCode.BadRequest, (await _server.Client.SendAsync(bad)).StatusCode);
    }

    private const string AdminKey = "standby-admin-key";

    private async Task<long> StoreAsync(string fqn)
    {
        var response = await _server.PostAsync(OmEvent.Batch(OmEvent.Created(Guid.NewGuid(), fqn)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return receipt.RootElement.GetProperty("sequences")[0].GetInt64();
    }

    private async Task<(long Count, string Source)> CountAsync(long? minSequence)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ events(first: 1) { totalCount } }" }) };
        if (minSequence is { } sequence)
            request.Headers.Add("HistoryGraph-Min-Sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("data").GetProperty("events").GetProperty("totalCount").GetInt64(),
            response.Headers.GetValues("HistoryGraph-Read-From").Single());
    }

    private async Task<long> ReaderConnectionsAsync() =>
        (long)(await _standby.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'historygraph reader'"))!;
}
