namespace HistoryGraph.TestSupport;

/// What the store-sized benchmarks start from: a throwaway PostgreSQL cluster, the server as its
/// own process with an admin key (sent by Client on every request), and a seed of deliveries as
/// OpenMetadata sends them (10-column tables over 500 entities, creates carrying the whole entity),
/// stored through signed webhooks.
public sealed class SeededBench : IAsyncDisposable
{
    public const string Secret = "bench-secret";
    public const string AdminKey = "bench-admin-key";

    private SeededBench(PostgresServer postgres, string connectionString, ServerProcess server, HttpClient client) =>
        (Postgres, ConnectionString, Server, Client) = (postgres, connectionString, server, client);

    public PostgresServer Postgres { get; }
    public string ConnectionString { get; }
    public ServerProcess Server { get; }
    public HttpClient Client { get; }

    private const int Entities = 500;

    public static async Task<SeededBench> StartAsync(string serverDll, int seed)
    {
        // The first delivery about each entity is its create, which has no field changes: a
        // seed of no more deliveries than entities has none, and nothing to copy up to a size.
        if (seed <= Entities)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"The seed needs more deliveries than its {Entities} entities to hold field changes.");
        var postgres = await PostgresServer.StartNewAsync();
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        var server = ServerProcess.Start(serverDll, connectionString, Secret, $"Admin:ApiKeys:0={AdminKey}");
        var client = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        await server.WaitHealthyAsync(client);
        foreach (var body in Workload.Build(seed, entities: Entities, Secret, columns: 10))
            await Workload.SendAsync(client, body);
        return new SeededBench(postgres, connectionString, server, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Server.Dispose();
        await Postgres.DisposeAsync();
    }
}
