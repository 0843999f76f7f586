using System.Net;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Notifications;

/// No secret in any log line: with every logger at its most talkative (HttpClient's included)
/// and receivers failing, so that failures are logged, the log holds neither a bot token, nor
/// an incoming-webhook URL's path, nor a signing secret.
public sealed class NotificationLogTests(NotificationLogTests.Fixture fixture) : IClassFixture<NotificationLogTests.Fixture>
{
    private const string BotToken = "987654:telegram-token-in-no-log";
    private const string SlackPath = "/services/T0000/B0000/slack-path-in-no-log";
    private const string Secret = "webhook-secret-in-no-log";

    public sealed class Fixture : ReceiverServerFixture
    {
        public string LogPath { get; } = Path.Combine(Path.GetTempPath(), $"historygraph-notifications-{Guid.NewGuid():N}.log");

        public override string AdminKey => "log-admin-key";

        protected override string[] Settings =>
        [
            "Serilog:MinimumLevel:Default=Verbose",
            "Serilog:MinimumLevel:Override:System=Verbose",
            "Serilog:MinimumLevel:Override:Microsoft=Verbose",
            "Serilog:WriteTo:0:Name=File",
            $"Serilog:WriteTo:0:Args:path={LogPath}",
            "Notifications:PollSeconds=0.1",
            "Notifications:FirstRetrySeconds=0.2",
            "Notifications:MaxAttempts=2",
            "Notifications:RateLimitPerMinute=6000",
            $"Notifications:TelegramApiUrl={Receiver.Url}",
        ];

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(LogPath);
        }
    }

    [Fact]
    public async Task failures_are_logged_without_any_token_url_or_secret()
    {
        fixture.Receiver.Respond = (_, _) => new FakeReceiver.Answer(500, "receiver broke");
        var prefix = "logs" + Guid.NewGuid().ToString("N")[..8];
        var filter = new { fqn = new { startsWith = prefix } };
        foreach (var input in new object[]
        {
            new { name = prefix + "-telegram", kind = "TELEGRAM", botToken = BotToken, chatId = "-100", filter },
            new { name = prefix + "-slack", kind = "SLACK", url = fixture.Receiver.Url + SlackPath, filter },
            new { name = prefix + "-webhook", kind = "WEBHOOK", url = fixture.Receiver.Url + "/hook", secret = Secret, filter },
        })
        {
            var body = await fixture.Server.AdminGraphQLAsync("mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }", new { input }, fixture.AdminKey);
            Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        }
        Assert.Equal(HttpStatusCode.OK, (await fixture.Server.PostAsync(OmEvent.Created(Guid.NewGuid(), prefix + ".t").ToJson())).StatusCode);

        // Two attempts to each of the three receivers, all failing, each failure logged.
        var log = "";
        for (var waited = 0; waited < 200; waited++)
        {
            await using (var stream = new FileStream(fixture.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                log = await new StreamReader(stream).ReadToEndAsync();
            if (fixture.Receiver.Requests.Count >= 6 && new[] { "-telegram", "-slack", "-webhook" }.All(t => log.Contains(prefix + t, StringComparison.Ordinal)))
                break;
            await Task.Delay(100);
        }
        Assert.True(fixture.Receiver.Requests.Count >= 6, $"{fixture.Receiver.Requests.Count} attempts");

        Assert.Contains("failed", log, StringComparison.Ordinal);
        Assert.Contains(prefix + "-telegram", log, StringComparison.Ordinal);
        Assert.Contains(prefix + "-slack", log, StringComparison.Ordinal);
        Assert.DoesNotContain("telegram-token-in-no-log", log, StringComparison.Ordinal);
        Assert.DoesNotContain("slack-path-in-no-log", log, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook-secret-in-no-log", log, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonSerializer.Serialize(Secret), log, StringComparison.Ordinal);
    }
}
