using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Tests.Access;

/// An issuer's address answers like no issuer should: a redirect to somewhere else, a document
/// without end, an answer that never comes. Tokens are then refused (401) within bounded time
/// and memory, and the redirect is not followed.
public sealed class HostileIssuerTests : IAsyncLifetime
{
    private static readonly TestIssuer.Client Reader = new("dashboard", "dashboard-secret", ["reader"]);

    private TestIssuer _issuer = null!;
    private WebApplication _hostile = null!;
    private Uri _hostileAddress = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync(Reader);
        var port = TestIssuer.FreePort();
        _hostileAddress = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_hostileAddress.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _hostile = builder.Build();
        // The real issuer's document, one redirect away: followed, it would make the tokens valid.
        _hostile.MapGet("/redirect/.well-known/openid-configuration", () => Results.Redirect(new Uri(_issuer.Address, ".well-known/openid-configuration").ToString()));
        _hostile.MapGet("/huge/.well-known/openid-configuration", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("{\"issuer\":\"" + new string('x', 4 * 1024 * 1024) + "\"}");
        });
        _hostile.MapGet("/silent/.well-known/openid-configuration", async (HttpContext http) => await Task.Delay(TimeSpan.FromMinutes(2), http.RequestAborted));
        await _hostile.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hostile.StopAsync();
        await _hostile.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Theory]
    [InlineData("redirect")]
    [InlineData("huge")]
    [InlineData("silent")]
    public async Task a_token_whose_issuer_misbehaves_is_refused_in_bounded_time(string behaviour)
    {
        var path = TestStores.NewSqlitePath();
        try
        {
            await using var server = await HistoryGraphServer.StartAsync(
                $"ConnectionStrings:History=Data Source={path}", "Auth:AllowAnonymousReads=false",
                $"Auth:Issuers:0:Authority={new Uri(_hostileAddress, behaviour)}", $"Auth:Issuers:0:Audience={TestIssuer.Audience}", "Auth:Issuers:0:RequireHttpsMetadata=false");
            await PostgresServerFixture.WaitHealthyAsync(server);

            var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ events(first: 1) { totalCount } }" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _issuer.TokenAsync(Reader.Id, Reader.Secret));
            var timer = Stopwatch.StartNew();
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]);
            // The issuer client gives up after 10 seconds.
            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(20), $"answered after {timer.Elapsed}");
        }
        finally
        {
            TestStores.DeleteSqlite(path);
        }
    }
}
