using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Hosting;
using HistoryGraph.TestSupport;
using Npgsql;

namespace HistoryGraph.Tests.Webhooks;

/// Event payloads packed with a dictionary trained on the store's own events, on real
/// PostgreSQL and real servers: what was packed before and after the dictionary reads back
/// exactly, on the instance that trained it and on others.
public class PayloadDictionaryTests
{
    private static readonly string[] Training =
        ["Payloads:TrainAfterEvents=100", "Payloads:SampleEvents=100", "Payloads:CheckIntervalSeconds=0.1"];

    [Fact]
    public async Task a_dictionary_is_trained_after_enough_events_and_every_payload_before_and_after_it_reads_back_exactly_on_every_instance()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var bodies = Workload.Build(260, 120, HistoryGraphServer.Secret, columns: 20);
        long dictionaryKey;
        await using (var trainer = await StartAsync(connectionString, Training))
        {
            Assert.Equal("brotli", (string)JsonNode.Parse(await trainer.Client.GetStringAsync("/health"))!["payloads"]!["packing"]!);
            foreach (var body in bodies.Take(150))
                await Workload.SendAsync(trainer.Client, body);
            dictionaryKey = await WaitForDictionaryAsync(connectionString);
            foreach (var body in bodies.Skip(150).Take(50))
                await Workload.SendAsync(trainer.Client, body);

            await AssertPayloadsAsync(trainer, bodies.Take(200));
        }

        // Brotli until the dictionary was trained (not before 100 events), the dictionary after.
        var packing = await PackingAsync(connectionString);
        var first = packing.IndexOf((0x02, dictionaryKey));
        Assert.InRange(first, 100, 150);
        Assert.All(packing.Take(first), p => Assert.Equal((0x01, 0L), p));
        Assert.All(packing.Skip(first), p => Assert.Equal((0x02, dictionaryKey), p));

        // An instance that trains nothing and has not loaded the dictionary reads it from the
        // store when a payload names it; what it packs itself is Brotli, read by all alike.
        await using (var reader = await StartAsync(connectionString, "Payloads:TrainDictionaries=false"))
        {
            foreach (var body in bodies.Skip(200).Take(30))
                await Workload.SendAsync(reader.Client, body);
            await AssertPayloadsAsync(reader, bodies.Take(230));
        }
        Assert.All((await PackingAsync(connectionString)).Skip(200), p => Assert.Equal((0x01, 0L), p));

        // A restarted instance takes up the store's dictionary at once.
        await using (var restarted = await StartAsync(connectionString, Training))
        {
            await WaitForPackingWithAsync(restarted, connectionString, dictionaryKey, bodies.Skip(230));
            var health = JsonNode.Parse(await restarted.Client.GetStringAsync("/health"))!["payloads"]!;
            Assert.Equal(("dictionary", dictionaryKey.ToString("x16")), ((string)health["packing"]!, (string)health["dictionary"]!));
            Assert.InRange((double)health["ratio"]!, 0.001, 0.5);
            await AssertPayloadsAsync(restarted, bodies);
        }
        Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT count(*) FROM payload_dictionaries"));
    }

    [Fact]
    public async Task repack_payloads_rewrites_a_brotli_store_with_a_dictionary_it_trains_and_every_payload_still_reads_back_exactly()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var bodies = Workload.Build(150, 60, HistoryGraphServer.Secret, columns: 15);
        await using (var before = await StartAsync(connectionString, "Payloads:TrainDictionaries=false"))
        {
            foreach (var body in bodies)
                await Workload.SendAsync(before.Client, body);
        }
        Assert.All(await PackingAsync(connectionString), p => Assert.Equal((0x01, 0L), p));
        var brotliBytes = (long)(await ScalarAsync(connectionString, "SELECT sum(length(payload))::bigint FROM change_events"))!;

        string[] repack = ["repack-payloads", $"--ConnectionStrings:History={connectionString}", "--Payloads:SampleEvents=100", "--Serilog:MinimumLevel:Default=Warning"];
        Assert.Equal(0, await MaintenanceCommands.RunAsync(repack));
        var key = (long)(await ScalarAsync(connectionString, "SELECT key FROM payload_dictionaries"))!;
        Assert.All(await PackingAsync(connectionString), p => Assert.Equal((0x02, key), p));
        var repackedBytes = (long)(await ScalarAsync(connectionString, "SELECT sum(length(payload))::bigint FROM change_events"))!;
        Assert.True(repackedBytes < brotliBytes * 0.8, $"{repackedBytes} bytes after, {brotliBytes} before");

        // Again: nothing left to do, no second dictionary.
        Assert.Equal(0, await MaintenanceCommands.RunAsync(repack));
        Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT count(*) FROM payload_dictionaries"));
        Assert.Equal(repackedBytes, (long)(await ScalarAsync(connectionString, "SELECT sum(length(payload))::bigint FROM change_events"))!);

        await using var after = await StartAsync(connectionString);
        await AssertPayloadsAsync(after, bodies);
    }

    [Fact]
    public async Task repack_payloads_is_refused_when_dictionaries_are_switched_off()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        Assert.Equal(1, await MaintenanceCommands.RunAsync(["repack-payloads", $"--ConnectionStrings:History={connectionString}", "--Payloads:TrainDictionaries=false", "--Serilog:MinimumLevel:Default=Warning"]));
    }

    private static async Task<HistoryGraphServer> StartAsync(string connectionString, params string[] settings)
    {
        var server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History={connectionString}", "GraphQL:Paging:MaxPageSize=500", .. settings]);
        await PostgresServerFixture.WaitHealthyAsync(server);
        return server;
    }

    private static async Task<long> WaitForDictionaryAsync(string connectionString)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await ScalarAsync(connectionString, "SELECT key FROM payload_dictionaries") is long key)
                return key;
            await Task.Delay(100);
        }
        throw new TimeoutException("No payload dictionary was trained within 30 s.");
    }

    /// Sends the bodies one by one until the events are packed with the dictionary (the
    /// instance takes it up in the background right after it starts), then the rest.
    private static async Task WaitForPackingWithAsync(HistoryGraphServer server, string connectionString, long key, IEnumerable<Workload.Body> bodies)
    {
        var packedWithKey = false;
        foreach (var body in bodies)
        {
            var sequence = await Workload.SendAsync(server.Client, body);
            packedWithKey = (await PackingAsync(connectionString))[(int)sequence - 1] == (0x02, key);
            if (!packedWithKey)
                await Task.Delay(100);
        }
        Assert.True(packedWithKey, "The restarted instance never packed with the store's dictionary.");
    }

    /// The marker byte and dictionary key (0 for none) of every stored payload, in sequence order.
    private static async Task<List<(int Marker, long Key)>> PackingAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload FROM change_events ORDER BY sequence", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var packing = new List<(int, long)>();
        while (await reader.ReadAsync())
        {
            var payload = (byte[])reader[0];
            packing.Add((payload[0], payload[0] == 0x02 ? BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(5, 8)) : 0L));
        }
        return packing;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// Each event's payload, through GraphQL and the events API, is the JSON that was sent.
    private static async Task AssertPayloadsAsync(HistoryGraphServer server, IEnumerable<Workload.Body> sent)
    {
        var expected = sent.Select(b => JsonNode.Parse(b.Bytes)!).ToList();
        var response = await server.Client.PostAsJsonAsync("/graphql", new { query = $"{{ events(first: {expected.Count}, order: {{ sequence: ASC }}) {{ nodes {{ payload }} }} }}" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var nodes = body["data"]?["events"]?["nodes"]?.AsArray() ?? throw new InvalidOperationException(body.ToJsonString());
        Assert.Equal(expected.Count, nodes.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(JsonNode.DeepEquals(expected[i], nodes[i]!["payload"]), $"payload of event {i + 1} differs");

        var listed = JsonNode.Parse(await server.Client.GetStringAsync("/events?limit=1000"))!["events"]!.AsArray();
        var byId = listed.ToDictionary(e => (string)e!["event_id"]!, e => e!["full_payload"]);
        Assert.All(expected, e => Assert.True(JsonNode.DeepEquals(e, byId[(string)e["id"]!])));
    }
}
