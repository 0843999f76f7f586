using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace HistoryGraph.Access;

/// One issuer's discovery document and signing keys, fetched when first needed, again after
/// KeepFor, and again at once when a token names a key they do not hold, but such a forced
/// fetch at most once per MinimumRefresh (a flood of made-up key ids costs the issuer one
/// request per interval). A fetch that fails keeps what was fetched before.
public sealed class IssuerMetadata(TokenIssuerOptions options, HttpClient http, TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromSeconds(30);

    private readonly string _address = options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
    private readonly HttpDocumentRetriever _retriever = new(http) { RequireHttps = options.RequireHttpsMetadata };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset? _lastForced;

    public TokenIssuerOptions Options => options;

    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetUtcNow() - _fetchedAt < KeepFor)
            return current;
        return await FetchAsync(force: false, cancellationToken);
    }

    /// The document fetched again for a key id it does not hold, or what is held when a forced
    /// fetch happened within MinimumRefresh.
    public async Task<OpenIdConnectConfiguration> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        if (_lastForced is { } last && clock.GetUtcNow() - last < MinimumRefresh && _current is { } current)
            return current;
        return await FetchAsync(force: true, cancellationToken);
    }

    private async Task<OpenIdConnectConfiguration> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            // Another request may have fetched it while this one waited.
            if (_current is { } current && (force ? _lastForced is { } last && now - last < MinimumRefresh : now - _fetchedAt < KeepFor))
                return current;
            if (force)
                _lastForced = now;
            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(_address, _retriever, cancellationToken);
                _fetchedAt = now;
            }
            catch (Exception) when (_current is not null)
            {
                // Keep the keys held: the issuer being down for a moment must not refuse every token.
            }
            return _current!;
        }
        finally
        {
            _gate.Release();
        }
    }
}
