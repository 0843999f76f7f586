using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace HistoryGraph.Tests.OpenMetadata;

/// A stand-in for OpenMetadata's REST API on 127.0.0.1: it records every request and answers
/// as OpenMetadata does, 401 without the bot's token and `{"code", "message"}` error bodies;
/// each test says what else to answer (status, body, Retry-After, a delay).
public sealed class FakeOpenMetadata : IAsyncDisposable
{
    public const string Token = "fake-bot-jwt";

    private readonly WebApplication _app;
    private readonly List<Recorded> _requests = [];
    private readonly Lock _gate = new();

    public sealed record Recorded(string Method, string PathAndQuery, string? Authorization, string? ContentType, string Body);

    /// Location: a redirect's target; Trickle: the body sent a byte at a time, this long apart.
    public sealed record Answer(int Status, string Body, TimeSpan? RetryAfter = null, TimeSpan? Delay = null, string? Location = null, TimeSpan? Trickle = null);

    /// What to answer a request with the right token; null: 404 as OpenMetadata words it.
    public Func<Recorded, Answer?> Respond { get; set; } = _ => null;

    private FakeOpenMetadata(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public static async Task<FakeOpenMetadata> StartAsync()
    {
        var fake = Create();
        await fake._app.StartAsync();
        return fake;
    }

    /// Started at once, for a fixture's field (a server's settings need its address).
    public static FakeOpenMetadata Start()
    {
        var fake = Create();
        fake._app.Start();
        return fake;
    }

    private static FakeOpenMetadata Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return new FakeOpenMetadata(builder.Build());
    }

    /// What OpenMetadata:ApiUrl is set to.
    public string ApiUrl => _app.Urls.Single().TrimEnd('/') + "/api";

    public IReadOnlyList<Recorded> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var request = new Recorded(http.Request.Method, http.Request.Path + http.Request.QueryString, http.Request.Headers.Authorization.FirstOrDefault(),
            http.Request.ContentType, body);
        lock (_gate)
            _requests.Add(request);
        var answer = request.Authorization != $"Bearer {Token}"
            ? new Answer(401, """{"code":401,"message":"Not Authorized! Token not present"}""")
            : Respond(request) ?? new Answer(404, $$"""{"code":404,"message":"No resource at {{http.Request.Path}}"}""");
        if (answer.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json";
        if (answer.RetryAfter is { } after)
            http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString();
        if (answer.Location is { } location)
            http.Response.Headers.Location = location;
        if (answer.Trickle is { } pause)
        {
            try
            {
                foreach (var b in Encoding.UTF8.GetBytes(answer.Body))
                {
                    await http.Response.Body.WriteAsync(new[] { b }, http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                    await Task.Delay(pause, http.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        await http.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
