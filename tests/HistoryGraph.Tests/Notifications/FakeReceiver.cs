using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace HistoryGraph.Tests.Notifications;

/// A stand-in for Slack, Teams, Discord, Telegram, Google Chat or a custom webhook receiver on
/// 127.0.0.1: it records every request and answers what Respond says (by default what the real
/// service answers when it accepts the message), after checking the message as the real service
/// would (PlatformRules) and refusing it as the service does when a rule is broken.
public sealed class FakeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Received> _requests = [];
    private readonly Lock _gate = new();

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    public sealed record Answer(int Status, string Body, string? RetryAfter = null);

    /// The answer to a request the rules accepted; null: the service's usual acceptance.
    public Func<Received, int, Answer?> Respond { get; set; } = (_, _) => null;

    /// Checks a message as the service would; returns why it refuses, or null.
    public Func<Received, string?> Rules { get; set; } = _ => null;

    public Answer Accepted { get; set; } = new(200, "ok");

    /// How long each answer takes (a slow receiver).
    public TimeSpan Delay { get; set; }

    private FakeReceiver(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public static async Task<FakeReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var fake = new FakeReceiver(builder.Build());
        await fake._app.StartAsync();
        return fake;
    }

    public string Url => _app.Urls.Single().TrimEnd('/');

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var request = new Received(http.Request.Path + http.Request.QueryString,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), buffer.ToArray());
        int count;
        lock (_gate)
        {
            _requests.Add(request);
            count = _requests.Count;
        }
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay);
        var answer = Rules(request) is { } refusal ? new Answer(400, refusal) : Respond(request, count) ?? Accepted;
        http.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } after)
            http.Response.Headers.RetryAfter = after;
        await http.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
