using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Hardening;

/// Every kind of hostile client (TestSupport/HostileClients.cs) against the server as its own
/// process, beside OpenMetadata sending realistic deliveries all along: the process never
/// exits, nothing is answered with a fault, every acknowledged delivery is stored, and its
/// memory comes back near where it started. (bench/Abuse measures the same attacks' cost.)
public class AbuseTests
{
    private const string Secret = "abuse-secret";

    [Fact]
    public async Task hostile_clients_neither_take_down_nor_bloat_the_server_nor_lose_a_delivery()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        using var server = ServerProcess.Start(ServerProcess.BuiltDll(), connectionString, Secret, "Serilog:MinimumLevel:Override:HistoryGraph.Hosting=Information");
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        await server.WaitHealthyAsync(client);

        var bodies = Workload.Build(6_000, entities: 1_000, Secret, columns: 20);
        const int warmup = 300;
        foreach (var body in bodies.Take(warmup))
            await Workload.SendAsync(client, body);
        await Task.Delay(2000);
        var baseline = server.WorkingSet;

        var steady = new SteadySender(client, bodies.Skip(warmup).ToList(), TimeSpan.FromMilliseconds(50));
        using var stop = new CancellationTokenSource();
        var sending = steady.RunAsync(stop.Token);
        var answers = new List<string>();
        foreach (var attack in HostileClients.All)
        {
            for (var i = 0; i < Math.Min(attack.Repeat, 2); i++)
            {
                var answer = await attack.RunOnceAsync(client, Secret);
                answers.Add($"{attack.Name}: {answer}");
                // A fault is 5xx, other than the designed 503 of a busy server.
                Assert.False(answer is >= 500 and not 503, $"{attack.Name} was answered {answer}");
            }
            Assert.False(server.HasExited, $"the server exited during {attack.Name}");
        }
        stop.Cancel();
        await sending;

        Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);
        Assert.Empty(steady.Failures);
        Assert.True(steady.Acknowledged > 100, $"only {steady.Acknowledged} steady deliveries");
        // Every acknowledged delivery is stored: the steady sender's tables hold exactly as many events.
        var response = await client.PostAsJsonAsync("/graphql", new { query = "{ events(where: { fqn: { startsWith: \"mysql_prod.shop.public.table_\" } }) { totalCount } }" });
        var total = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("events").GetProperty("totalCount").GetInt32();
        Assert.Equal(warmup + steady.Acknowledged, total);

        // Memory returns near its baseline once the abuse is over: at the latest when the server's
        // second collection, a minute after the first, has the shared array pool let go of what
        // the attacks rented (Hosting/MemoryReclaimer.cs). Its log lines say what each returned.
        var after = server.WorkingSet;
        for (var i = 0; i < 100 && after > baseline + 160L * 1024 * 1024; i++)
        {
            await Task.Delay(1000);
            after = server.WorkingSet;
        }
        Assert.True(after <= baseline + 160L * 1024 * 1024, $"working set {baseline / 1048576} MB before, {after / 1048576} MB after; {string.Join(", ", answers)}");
    }
}
