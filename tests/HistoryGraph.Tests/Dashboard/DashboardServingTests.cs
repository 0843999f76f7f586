using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryGraph.Dashboard;

namespace HistoryGraph.Tests.Dashboard;

/// Where trusted documents are enforced, so that the dashboard works only if every document it
/// sends is one the server trusts.
public sealed class EnforcedDocumentsFixture : SqliteServerFixture
{
    protected override string[] Settings => ["GraphQL:TrustedDocuments:Mode=Enforce"];
}

/// How the server serves the dashboard: offline, cached right, under a strict policy, and with
/// its documents trusted.
public partial class DashboardServingTests(EnforcedDocumentsFixture fixture) : IClassFixture<EnforcedDocumentsFixture>
{
    /// The budget for the JavaScript the first view downloads, gzipped.
    private const int InitialScriptBudget = 150 * 1024;

    [Fact]
    public async Task every_page_is_the_index_uncached_under_a_policy_without_inline_script()
    {
        foreach (var page in DashboardApi.Pages)
        {
            using var response = await fixture.Server.Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var html = await response.Content.ReadAsStringAsync();
            // Every script is a file of this server's: none inline, none from elsewhere.
            var scripts = ScriptTag().Matches(html);
            Assert.NotEmpty(scripts);
            Assert.All(scripts, s => Assert.Matches("src=\"/assets/[^\"]+\"", s.Value));
            Assert.DoesNotContain("http", string.Join(" ", ResourceAddress().Matches(html).Select(m => m.Groups[1].Value)), StringComparison.Ordinal);
        }
        using var head = await fixture.Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/live"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task assets_are_cached_for_a_year_and_served_compressed_to_browsers_that_accept_it()
    {
        foreach (var asset in await AssetsOfIndexAsync())
        {
            using var plain = await GetAsync(asset, null);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", plain.Headers.GetValues("Cache-Control")));
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            var original = await plain.Content.ReadAsByteArrayAsync();
            foreach (var (encoding, decode) in new (string, Func<Stream, Stream>)[] { ("br", s => new BrotliStream(s, CompressionMode.Decompress)), ("gzip", s => new GZipStream(s, CompressionMode.Decompress)) })
            {
                using var compressed = await GetAsync(asset, encoding);
                Assert.Equal(encoding, compressed.Content.Headers.ContentEncoding.Single());
                Assert.Equal(plain.Content.Headers.ContentType, compressed.Content.Headers.ContentType);
                Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
                using var decoded = new MemoryStream();
                await using (var stream = decode(await compressed.Content.ReadAsStreamAsync()))
                    await stream.CopyToAsync(decoded);
                Assert.Equal(original, decoded.ToArray());
            }
        }
        foreach (var missing in new[] { "/assets/nothing.js", "/assets/..%2Fappsettings.json", "/assets/../trusted-documents.json", "/assets/%2E%2E/index.html" })
        {
            using var response = await fixture.Server.Client.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task the_first_view_downloads_at_most_150_KB_of_gzipped_script()
    {
        // The index's scripts, and uPlot, which the chart fetches as soon as the app starts.
        var charting = Directory.GetFiles(Path.Combine(DashboardApi.Folder, "assets"), "uPlot*.js").Select(f => "/assets/" + Path.GetFileName(f)).ToList();
        Assert.Single(charting);
        long total = 0;
        foreach (var asset in (await AssetsOfIndexAsync()).Where(a => a.EndsWith(".js", StringComparison.Ordinal)).Concat(charting))
        {
            using var response = await GetAsync(asset, "gzip");
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }
        Assert.InRange(total, 1, InitialScriptBudget);
    }

    [Fact]
    public async Task every_document_the_dashboard_was_built_with_is_trusted_and_nothing_else_runs()
    {
        var map = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DashboardApi.Folder, DashboardApi.DocumentsFile))).RootElement;
        var ids = map.EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(ids.Count >= 20, $"{ids.Count} documents");
        foreach (var id in ids)
        {
            // Variables left out: the document is found (a missing variable is its only error)
            // and never refused as unknown or as text.
            using var response = await fixture.Server.Client.PostAsJsonAsync("/graphql", new { documentId = id });
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("DOCUMENT_NOT_FOUND", body, StringComparison.Ordinal);
            Assert.DoesNotContain("DOCUMENT_ID_MISSING", body, StringComparison.Ordinal);
        }
        using var viewer = await fixture.Server.Client.PostAsJsonAsync("/graphql", new { documentId = ids.Single(id => map.GetProperty(id).GetString()!.StartsWith("query Viewer", StringComparison.Ordinal)) });
        Assert.Equal("anonymous", JsonDocument.Parse(await viewer.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("viewer").GetProperty("name").GetString());
        using var text = await fixture.Server.Client.PostAsJsonAsync("/graphql", new { query = "{ viewer { name } }" });
        Assert.Contains("DOCUMENT_ID_MISSING", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_dashboards_settings_name_no_secret()
    {
        var config = await fixture.Server.Client.GetFromJsonAsync<JsonElement>(DashboardApi.ConfigPath);
        Assert.Equal(JsonValueKind.Array, config.GetProperty("issuers").ValueKind);
        Assert.Equal(0, config.GetProperty("issuers").GetArrayLength());
        var bundle = string.Concat(await Task.WhenAll((await AssetsOfIndexAsync()).Select(fixture.Server.Client.GetStringAsync)));
        Assert.DoesNotContain(HistoryGraphServer.Secret, bundle, StringComparison.Ordinal);
        Assert.DoesNotContain("hg_", bundle, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
            request.Headers.Add("Accept-Encoding", encoding);
        return await fixture.Server.Client.SendAsync(request);
    }

    /// The scripts and styles index.html loads, and the scripts those preload.
    private async Task<List<string>> AssetsOfIndexAsync()
    {
        var html = await fixture.Server.Client.GetStringAsync("/");
        return [.. ResourceAddress().Matches(html).Select(m => m.Groups[1].Value).Where(a => a.StartsWith("/assets/", StringComparison.Ordinal)).Distinct()];
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex ResourceAddress();
}
