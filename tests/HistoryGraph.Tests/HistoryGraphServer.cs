using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HistoryGraph.Hosting;
using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.Tests;

/// The real server on a free port of 127.0.0.1 (Kestrel, real sockets), configured through
/// command-line settings exactly as an operator would.
public sealed class HistoryGraphServer : IAsyncDisposable
{
    public const string Secret = "test-secret";
    public const string RotatedSecret = "rotated-secret";

    private readonly WebApplication _app;

    private HistoryGraphServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// Starts with the two test secrets, production environment, reads open to anonymous
    /// callers (the access tests close them) and the given settings ("Key:Sub=value"), which
    /// override the defaults.
    public static async Task<HistoryGraphServer> StartAsync(params string[] settings)
    {
        var defaults = new[]
        {
            $"OpenMetadata:WebhookSecrets:0={Secret}",
            $"OpenMetadata:WebhookSecrets:1={RotatedSecret}",
            "Serilog:MinimumLevel:Default=Warning",
            "Auth:AllowAnonymousReads=true",
            // Tests send requests as fast as they can from one address; RateLimitTests set limits.
            "Auth:RateLimits:Anonymous:PermitsPerMinute=0",
            "Auth:RateLimits:Failures:PermitsPerMinute=0",
            // The reconciler would call the fake OpenMetadata of any test that sets ApiUrl, in
            // the background; ReconciliationTests turn it on (and drive it directly).
            "Reconciliation:Enabled=false",
            // Nothing balances load in front of a test server: it stops at once.
            "Shutdown:DrainDelaySeconds=0",
        };
        var args = new List<string> { "--urls=http://127.0.0.1:0", "--environment=Production" };
        args.AddRange(defaults.Where(d => !settings.Any(s => s.StartsWith(d[..d.IndexOf('=')] + "=", StringComparison.Ordinal))).Concat(settings).Select(s => "--" + s));
        var app = HistoryGraphApp.Create([.. args]);
        await app.StartAsync();
        var address = new Uri(app.Urls.Single());
        return new HistoryGraphServer(app, address);
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? secret = Secret, string path = "/webhook/openmetadata", HttpMethod? method = null) =>
        PostAsync(Encoding.UTF8.GetBytes(body), secret, path, method);

    /// Sends the body the way OpenMetadata does: JSON, signed with Base64 HMAC-SHA256.
    public Task<HttpResponseMessage> PostAsync(byte[] body, string? secret = Secret, string path = "/webhook/openmetadata", HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null)
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, secret));
        return Client.SendAsync(request);
    }

    /// A GraphQL request over HTTP POST: the whole response body (data, errors).
    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null)
    {
        using var response = await Client.PostAsJsonAsync("/graphql", new { query, variables });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// A GraphQL request with an admin key (`X-Api-Key`; none when null), answered 200: the whole body.
    public async Task<JsonElement> AdminGraphQLAsync(string query, object? variables, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (apiKey is not null)
            request.Headers.Add("X-Api-Key", apiKey);
        using var response = await Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// A GraphQL request with a key, answered with any status: the status and the first error's code.
    public async Task<(HttpStatusCode Status, string? Code)> KeyedGraphQLAsync(string query, object? variables, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var code = body.TryGetProperty("errors", out var errors) && errors[0].TryGetProperty("extensions", out var extensions) ? extensions.GetProperty("code").GetString() : null;
        return (response.StatusCode, code);
    }

    /// A GraphQL request with an admin key that must succeed: its `data`.
    public async Task<JsonElement> AdminQueryAsync(string query, string apiKey)
    {
        var body = await AdminGraphQLAsync(query, null, apiKey);
        if (body.TryGetProperty("errors", out var errors))
            throw new Xunit.Sdk.XunitException($"GraphQL errors: {errors}");
        return body.GetProperty("data");
    }

    /// A GraphQL request that must succeed: its `data`.
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        var body = await GraphQLAsync(query, variables);
        if (body.TryGetProperty("errors", out var errors))
            throw new Xunit.Sdk.XunitException($"GraphQL errors: {errors}");
        return body.GetProperty("data");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
