using System.Net;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Notifications;

/// No secret in any log line: with every logger at its most talkative (HttpClient's included)
/// and receivers failing, so that failures are logged, the log holds neither a bot token, nor
/// an incoming-webhook URL's path, nor a signing secret.
public sealed class NotificationLogTests
{
    private const string AdminKey = "log-admin-key";
    private const string BotToken = "987654:telegram-token-in-no-log";
    private const string SlackPath = "/services/T0000/B0000/slack-path-in-no-log";
    private const string Secret = "webhook-secret-in-no-log";

    [Fact]
    public async Task failures_are_logged_without_any_token_url_or_secret()
    {
        var prefix = "logs" + Guid.NewGuid().ToString("N")[..8];
        var logPath = Path.Combine(Path.GetTempPath(), $"historygraph-notifications-{Guid.NewGuid():N}.log");
        await using var receiver = await FakeReceiver.StartAsync();
        receiver.Respond = (_, _) => new FakeReceiver.Answer(500, "receiver broke");
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var server = await HistoryGraphServer.StartAsync(
            $"ConnectionStrings:History={connectionString}", $"Admin:ApiKeys:0={AdminKey}", "Notifications:AllowPrivateNetworks=true",
            "Serilog:MinimumLevel:Default=Verbose", "Serilog:MinimumLevel:Override:System=Verbose", "Serilog:MinimumLevel:Override:Microsoft=Verbose",
            "Serilog:WriteTo:0:Name=File", $"Serilog:WriteTo:0:Args:path={logPath}",
            "Notifications:PollSeconds=0.1", "Notifications:FirstRetrySeconds=0.2", "Notifications:MaxAttempts=2", "Notifications:RateLimitPerMinute=6000",
            $"Notifications:TelegramApiUrl={receiver.Url}");
        try
        {
            await PostgresServerFixture.WaitHealthyAsync(server);
            var filter = new { fqn = new { startsWith = prefix } };
            foreach (var input in new object[]
            {
                new { name = prefix + "-telegram", kind = "TELEGRAM", botToken = BotToken, chatId = "-100", filter },
                new { name = prefix + "-slack", kind = "SLACK", url = receiver.Url + SlackPath, filter },
                new { name = prefix + "-webhook", kind = "WEBHOOK", url = receiver.Url + "/hook", secret = Secret, filter },
            })
            {
                var body = await server.AdminGraphQLAsync("mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }", new { input }, AdminKey);
                Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
            }
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Created(Guid.NewGuid(), prefix + ".t").ToJson())).StatusCode);

            // Two attempts for each of the three messages, all failing: each message given up.
            var given = new List<JsonElement>();
            for (var waited = 0; waited < 300; waited++)
            {
                var settled = await server.AdminGraphQLAsync("{ notificationDeliveries(first: 10, where: { status: { eq: RETRY_LIMIT_REACHED } }) { nodes { attempts error } } }", null, AdminKey);
                given = settled.GetProperty("data").GetProperty("notificationDeliveries").GetProperty("nodes").EnumerateArray().ToList();
                if (given.Count == 3)
                    break;
                await Task.Delay(100);
            }
            Assert.True(given.Count == 3 && given.Sum(d => d.GetProperty("attempts").GetInt32()) == 6, string.Join("; ", given.Select(d => d.ToString())));
        }
        finally
        {
            // Stopped, so that every line is written out before the log is read.
            await server.DisposeAsync();
        }
        var log = await File.ReadAllTextAsync(logPath);
        File.Delete(logPath);

        Assert.Equal(6, log.Split('\n').Count(line => line.Contains(prefix, StringComparison.Ordinal) && line.Contains(" failed: ", StringComparison.Ordinal)));
        Assert.DoesNotContain("telegram-token-in-no-log", log, StringComparison.Ordinal);
        Assert.DoesNotContain("slack-path-in-no-log", log, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook-secret-in-no-log", log, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonSerializer.Serialize(Secret), log, StringComparison.Ordinal);
    }
}
