using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HistoryGraph.TestSupport;

/// A real OpenID Connect issuer (OpenIddict's server) on 127.0.0.1, as an identity provider
/// would run it: a discovery document, a JWKS, and client-credentials tokens for the clients it
/// knows, each token carrying the client's roles and signed with the issuer's key. Started
/// again on the same address it signs with a new key, as an issuer that rotated its keys.
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "historygraph";

    /// A client: its secret, the values of its `roles` claim, and how long its tokens live.
    public sealed record Client(string Id, string Secret, string[] Roles, TimeSpan? Lifetime = null, string Audience = TestIssuer.Audience);

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private TestIssuer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        _http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public static Task<TestIssuer> StartAsync(params Client[] clients) => StartAsync(FreePort(), clients);

    public static async Task<TestIssuer> StartAsync(int port, params Client[] clients)
    {
        var address = new Uri($"http://127.0.0.1:{port}/");
        var known = clients.ToDictionary(c => c.Id);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetIssuer(address);
            options.SetTokenEndpointUris("connect/token");
            options.AllowClientCredentialsFlow();
            options.AddEphemeralSigningKey();
            options.AddEphemeralEncryptionKey();
            options.DisableAccessTokenEncryption();
            // No database: the clients are the ones given here, checked by the handler below.
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId is null || !known.TryGetValue(context.ClientId, out var client) || client.Secret != context.ClientSecret)
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var client = known[context.Request.ClientId!];
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, client.Id);
                identity.SetClaims("roles", [.. client.Roles]);
                identity.SetAudiences(client.Audience);
                identity.SetDestinations(_ => [Destinations.AccessToken]);
                var principal = new ClaimsPrincipal(identity);
                if (client.Lifetime is { } lifetime)
                    principal.SetAccessTokenLifetime(lifetime);
                context.SignIn(principal);
                return default;
            }));
        });
        var app = builder.Build();
        await app.StartAsync();
        return new TestIssuer(app, address);
    }

    /// A client-credentials token, as OpenMetadata's webhook OAuth2 mode or any service gets one.
    public async Task<string> TokenAsync(string clientId, string secret)
    {
        using var response = await _http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body?.ToJsonString());
        return (string)body!["access_token"]!;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
