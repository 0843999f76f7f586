using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HistoryGraph.Access;

/// Bearer tokens (JWT) from the configured issuers: signature by a key of the issuer's JWKS,
/// issuer, audience and lifetime checked, roles read from the configured claim. Each issuer's
/// discovery document and keys come through a bounded client (no redirects, 10 s, 1 MB) and
/// are kept (IssuerMetadata). A token that passed is remembered for a minute (at most until it
/// expires): a dashboard presents the same token with every request, and checking its signature
/// again each time cost more server CPU than a small query (bench/README.md, "Access").
public sealed class TokenValidator : IDisposable
{
    public const string HttpClientName = "token-issuers";
    private const int MaxTokenLength = 16 * 1024;
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(1);

    private readonly List<IssuerMetadata> _issuers;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<TokenValidator> _logger;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    // By the token's text; bounded by count (a token is at most 16 KB, so a few MB at worst).
    private readonly MemoryCache _passed = new(new MemoryCacheOptions { SizeLimit = 1000, CompactionPercentage = 0.25 });

    public TokenValidator(IOptions<AccessOptions> options, IHttpClientFactory clients, TimeProvider clock, ILogger<TokenValidator> logger)
    {
        _logger = logger;
        _clock = clock;
        _http = clients.CreateClient(HttpClientName);
        _issuers = [.. options.Value.Issuers.Where(i => i.Authority.Length > 0).Select(issuer => new IssuerMetadata(issuer, _http, clock))];
    }

    public bool Configured => _issuers.Count > 0;

    /// Whether a credential has the shape of a JWT (three base64url parts), so that keys are not
    /// sent to the token checks.
    public static bool LooksLikeToken(string credential)
    {
        if (credential.Length > MaxTokenLength || credential.Count(c => c == '.') != 2)
            return false;
        return credential.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }

    public async ValueTask<Authentication> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_passed.Get<Remembered>(token) is { } remembered && now < remembered.Until)
            return remembered.Authentication;
        var authentication = await CheckAsync(token, cancellationToken);
        if (authentication.Caller is { ExpiresAt: { } expires })
        {
            var until = expires < now + RememberFor ? expires : now + RememberFor;
            _passed.Set(token, new Remembered(authentication, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
        }
        return authentication;
    }

    private sealed record Remembered(Authentication Authentication, DateTimeOffset Until);

    private async ValueTask<Authentication> CheckAsync(string token, CancellationToken cancellationToken)
    {
        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return Authentication.Refused("not a token", null);
        }
        var unreachable = false;
        foreach (var metadata in _issuers)
        {
            var options = metadata.Options;
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await metadata.GetAsync(cancellationToken);
                if (!string.Equals(parsed.Issuer, configuration.Issuer, StringComparison.Ordinal))
                    continue;
                // A key the issuer started signing with since its keys were fetched.
                if (parsed.Kid is { Length: > 0 } kid && !configuration.SigningKeys.Any(k => k.KeyId == kid))
                    configuration = await metadata.RefreshForUnknownKeyAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException or ArgumentException)
            {
                _logger.LogWarning("The token issuer {Authority} could not be read: {Error}", options.Authority, ex.Message);
                unreachable = true;
                continue;
            }
            var result = await _handler.ValidateTokenAsync(token, Parameters(configuration, options));
            if (!result.IsValid)
            {
                return Authentication.Refused(result.Exception switch
                {
                    SecurityTokenExpiredException => "the token has expired",
                    SecurityTokenInvalidAudienceException => "the token is for another audience",
                    SecurityTokenNotYetValidException => "the token is not valid yet",
                    _ => "the token's signature or claims are not valid",
                }, null);
            }
            var name = Claim(result, "sub") ?? Claim(result, "client_id") ?? Claim(result, "azp") ?? "unnamed";
            return Authentication.Of(new Caller(RolesOf(result, options), $"token {name} ({configuration.Issuer})", new DateTimeOffset(parsed.ValidTo, TimeSpan.Zero),
                UserName: UserNameOf(result, options)));
        }
        return Authentication.Refused(unreachable ? "the token's issuer could not be reached to check it" : "the token's issuer is not one this server accepts", null);
    }

    private static TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, TokenIssuerOptions options) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudience = options.Audience,
        ValidateAudience = true,
        IssuerSigningKeys = configuration.SigningKeys,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(Math.Max(0, options.ClockSkewSeconds)),
    };

    private static string? Claim(TokenValidationResult result, string type) =>
        result.Claims.TryGetValue(type, out var value) ? value?.ToString() : null;

    private static string? UserNameOf(TokenValidationResult result, TokenIssuerOptions options) =>
        (options.UserNameClaims ?? TokenIssuerOptions.DefaultUserNameClaims)
            .Select(type => Claim(result, type))
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .Select(value => value!.Split('@')[0])
            .FirstOrDefault(name => name.Length > 0);

    /// The roles the token's role claim maps to (a list, a single value, or space-separated scopes).
    private static HashSet<AccessRole> RolesOf(TokenValidationResult result, TokenIssuerOptions options)
    {
        var values = new List<string>();
        if (result.Claims.TryGetValue(options.RoleClaim, out var claim))
        {
            if (claim is string text)
                values.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            else if (claim is IEnumerable<object> many)
                values.AddRange(many.Select(v => v?.ToString()).OfType<string>());
        }
        var roles = new HashSet<AccessRole>();
        foreach (var value in values)
        {
            var meaning = options.Roles.Count == 0 ? value : options.Roles.GetValueOrDefault(value);
            if (meaning is not null && Enum.TryParse<AccessRole>(meaning, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(meaning, out _))
                roles.Add(role);
        }
        return roles;
    }

    public void Dispose()
    {
        _http.Dispose();
        _passed.Dispose();
    }
}
