using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Webhooks;

/// Large bodies are read only a few at a time and must arrive in time: a client trickling one
/// in holds its slot only until the read timeout (408), and the delivery that waited for the
/// slot is then read and stored.
public class BodyLimitsTests : IDisposable
{
    private readonly string _path = TestStores.NewSqlitePath();

    public void Dispose()
    {
        TestStores.DeleteSqlite(_path);
    }

    [Fact]
    public async Task a_trickled_body_is_408_and_holds_its_slot_only_until_then()
    {
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History=Data Source={_path}",
            "Server:MaxConcurrentLargeBodies=1", "Server:BodyReadTimeoutSeconds=2");
        await PostgresServerFixture.WaitHealthyAsync(server);

        // Declares 200 KB (a large body: it takes the one slot) and sends a byte now and then; it
        // claims a signature, which can only be checked once the body is read (a delivery with
        // neither signature nor key is refused before its body is read).
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /webhook/openmetadata HTTP/1.1\r\nHost: {server.Address.Authority}\r\nContent-Type: application/json\r\nX-OM-Signature: sha256=AAAA\r\nContent-Length: 200000\r\n\r\n{{"));
        var answer = new StreamReader(stream, Encoding.ASCII).ReadLineAsync();
        var trickle = Task.Run(async () =>
        {
            while (!answer.IsCompleted)
            {
                try
                {
                    await stream.WriteAsync(" "u8.ToArray());
                }
                catch (IOException)
                {
                    return;
                }
                await Task.Delay(200);
            }
        });
        await Task.Delay(1000);

        // A real large delivery meanwhile waits for the one slot, which the trickle gives up at
        // its read timeout: 408 for it first, then 200 for the delivery.
        var large = new OmEvent { EntityId = Guid.NewGuid(), Entity = new JsonObject { ["description"] = new string('d', 100_000) } };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var stored = await server.PostAsync(large.ToJson());
        // It could not start before the trickle's 2 s were up (it began 1 s after it).
        Assert.True(waited.Elapsed > TimeSpan.FromSeconds(0.5), $"read after {waited.Elapsed}, while the trickled body held the only slot");
        Assert.StartsWith("HTTP/1.1 408", await answer.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        await trickle;
    }
}
