using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HistoryGraph.TestSupport;

/// A real OpenID Connect issuer (OpenIddict's server) on 127.0.0.1, as an identity provider
/// would run it: a discovery document, a JWKS, and client-credentials tokens for the clients it
/// knows, each token carrying the client's roles and signed with the issuer's key. Started
/// again on the same address it signs with a new key, as an issuer that rotated its keys. With
/// people and browser clients, it also signs people in: the authorization code flow with PKCE
/// behind a login form, and CORS open to browsers, as identity providers serve single-page apps.
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "historygraph";

    /// A client: its secret, the values of its `roles` claim, and how long its tokens live.
    public sealed record Client(string Id, string Secret, string[] Roles, TimeSpan? Lifetime = null, string Audience = TestIssuer.Audience);

    /// Someone who signs in at the login form, and the values of their `roles` claim.
    public sealed record Person(string Name, string Password, string[] Roles);

    /// A public client (a single-page app): no secret, one address to send people back to.
    public sealed record BrowserClient(string Id, string RedirectUri);

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

    public static Task<TestIssuer> StartAsync(int port, params Client[] clients) => StartAsync(port, clients, [], []);

    public static async Task<TestIssuer> StartAsync(int port, Client[] clients, Person[] people, BrowserClient[] browserClients)
    {
        var address = new Uri($"http://127.0.0.1:{port}/");
        var known = clients.ToDictionary(c => c.Id);
        var browsers = browserClients.ToDictionary(c => c.Id);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetIssuer(address);
            options.SetTokenEndpointUris("connect/token");
            options.SetAuthorizationEndpointUris("connect/authorize");
            options.AllowClientCredentialsFlow();
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.AddEphemeralSigningKey();
            options.AddEphemeralEncryptionKey();
            options.DisableAccessTokenEncryption();
            // No database: the clients are the ones given here, checked by the handler below.
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement().EnableAuthorizationEndpointPassthrough();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId is null || !browsers.TryGetValue(context.ClientId, out var browser) || browser.RedirectUri != context.RedirectUri)
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect address.");
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                // A browser client proves itself with the code and its PKCE verifier, not a secret.
                if (context.Request.IsAuthorizationCodeGrantType())
                {
                    if (context.ClientId is null || !browsers.ContainsKey(context.ClientId))
                        context.Reject(Errors.InvalidClient, "Unknown client.");
                    return default;
                }
                if (context.ClientId is null || !known.TryGetValue(context.ClientId, out var client) || client.Secret != context.ClientSecret)
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                // The code's own principal (the person who signed in) is issued as it is.
                if (context.Request.IsAuthorizationCodeGrantType())
                    return default;
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
        builder.Services.AddCors();
        builder.Services.AddAuthentication();
        var app = builder.Build();
        app.UseCors(cors => cors.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod());
        app.UseAuthentication();
        app.MapMethods("connect/authorize", ["GET", "POST"], (HttpContext http) => Authorize(http, people));
        await app.StartAsync();
        return new TestIssuer(app, address);
    }

    /// The login form, then, for a known name and password, the signed-in person (OpenIddict
    /// sends them back with a code).
    private static IResult Authorize(HttpContext http, Person[] people)
    {
        var request = http.GetOpenIddictServerRequest()!;
        var form = http.Request.HasFormContentType ? http.Request.Form : null;
        var person = people.FirstOrDefault(p => p.Name == form?["username"].ToString() && p.Password == form?["password"].ToString());
        if (person is null)
        {
            var hidden = string.Concat(request.GetParameters().Select(p =>
                $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode((string?)p.Value)}\">"));
            var failed = form is null ? "" : "<p role=\"alert\">Wrong name or password.</p>";
            return Results.Content($"""
                <!doctype html><html lang="en"><head><title>Sign in</title></head><body><main>
                <h1>Test issuer</h1>{failed}
                <form method="post">{hidden}
                <label>Name <input name="username" autocomplete="username"></label>
                <label>Password <input name="password" type="password" autocomplete="current-password"></label>
                <button type="submit">Sign in</button></form></main></body></html>
                """, "text/html");
        }
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Name);
        identity.SetClaim(Claims.Name, person.Name);
        identity.SetClaims("roles", [.. person.Roles]);
        identity.SetAudiences(Audience);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
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
