using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HistoryGraph.Tests.Transport;

/// Documents that would cost far more than their size (fragment bombs, thousands of fields,
/// deep nesting, the schema asked for many times) and client mistakes that used to surface as
/// server faults: each is refused before it runs, with a 4xx and a precise code.
public class RequestLimitsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private HistoryGraphServer Server => fixture.Server;

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string query, object? variables = null) =>
        PostBytesAsync(JsonSerializer.SerializeToUtf8Bytes(new { query, variables }));

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostBytesAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        var response = await Server.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static void AssertRefused((HttpStatusCode Status, JsonElement Body) answer, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Body.TryGetProperty("data", out _), answer.Body.ToString());
        Assert.Equal(code, answer.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    /// fragment F1 spreads F2 twice, F2 spreads F3 twice...: 2^levels fields once expanded.
    private static string FragmentBomb(int levels)
    {
        var fragments = Enumerable.Range(1, levels - 1).Select(i =>
            $"fragment F{i} on Entity {{ fqn ...F{i + 1} a{i}: versions(first: 1) {{ nodes {{ entity {{ ...F{i + 1} }} }} }} }}");
        return "{ entities(first: 1) { nodes { ...F1 } } }\n" + string.Join("\n", fragments) + $"\nfragment F{levels} on Entity {{ fqn }}";
    }

    [Theory]
    [InlineData(23)]
    [InlineData(30)]
    [InlineData(60)]
    public async Task fragments_that_double_at_every_level_are_refused_before_validation(int levels)
    {
        AssertRefused(await PostAsync(FragmentBomb(levels)), "TOO_MANY_FIELDS");
        Assert.True((await Server.Client.GetAsync("/health")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task a_long_chain_of_fragments_is_refused_not_overflowed()
    {
        var chain = string.Join("\n", Enumerable.Range(1, 1000).Select(i => $"fragment F{i} on Entity {{ ...F{i + 1} }}"));
        AssertRefused(await PostAsync("{ entities { nodes { ...F1 } } }\n" + chain + "\nfragment F1001 on Entity { fqn }"), "TOO_MANY_FRAGMENT_SPREADS");
    }

    [Theory]
    [InlineData("__typename", 12000, "TOO_MANY_TOKENS")]
    [InlineData("__typename", 1500, "TOO_MANY_FIELDS")]
    [InlineData("a{0}: __typename", 150, "TOO_MANY_ALIASES")]
    [InlineData("s{0}: __schema {{ queryType {{ name }} }}", 300, "TOO_MANY_ALIASES")]
    public async Task repeated_fields_and_aliases_are_counted_and_cut_off(string field, int times, string code)
    {
        var selection = string.Join(" ", Enumerable.Range(0, times).Select(i => string.Format(field, i)));
        AssertRefused(await PostAsync($"{{ {selection} }}"), code);
    }

    [Fact]
    public async Task nesting_beyond_the_parser_limit_is_a_client_error()
    {
        AssertRefused(await PostAsync("{ entities(where: { fqn: { in: " + new string('[', 150) + new string(']', 150) + " } }) { nodes { fqn } } }"), "DOCUMENT_TOO_DEEP");
        AssertRefused(await PostAsync("query { " + string.Concat(Enumerable.Repeat("entity(fqn: \"x\") { versions { nodes { ", 30)) + "version" + new string('}', 90) + " }"), "DOCUMENT_TOO_DEEP");
    }

    [Fact]
    public async Task a_mutation_the_schema_does_not_have_is_a_validation_error_with_a_code()
    {
        AssertRefused(await PostAsync("mutation { anything }"), "FIELDS_ON_CORRECT_TYPE");
    }

    [Theory]
    [InlineData("{ entity(fqn: \"a\\ud800b\") { fqn } }")]
    [InlineData("{ entity(fqn: \"\\udc00\") { fqn } }")]
    [InlineData("{ events(where: { fqn: { contains: \"a\\u0000\" } }) { nodes { sequence } } }")]
    [InlineData("{ events(after: \"\\u0000\") { nodes { sequence } } }")]
    [InlineData("{ user(name: \"x\\u0000\") { name } }")]
    public async Task strings_no_column_can_hold_are_refused_in_literals(string query)
    {
        AssertRefused(await PostAsync(query), "INVALID_STRING");
    }

    [Fact]
    public async Task strings_no_column_can_hold_are_refused_in_variables()
    {
        AssertRefused(await PostAsync("query($x: String) { events(where: { fqn: { contains: $x } }) { nodes { sequence } } }", new { x = "nul\0" }), "INVALID_STRING");
        var loneSurrogate = Encoding.UTF8.GetBytes("""{"query":"query($x: String) { entity(fqn: $x) { fqn } }","variables":{"x":"\ud800"}}""");
        var answer = await PostBytesAsync(loneSurrogate);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("INVALID_REQUEST", answer.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    public async Task a_body_that_is_not_utf8_is_a_bad_request(byte[] invalid)
    {
        var body = Encoding.UTF8.GetBytes("""{"query":"{ entity(fqn: \"X\") { fqn } }"}""").ToList();
        body.InsertRange(body.IndexOf((byte)'X'), invalid);
        var answer = await PostBytesAsync([.. body]);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("UTF-8", answer.Body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("a%00b")]
    public async Task the_events_api_refuses_nul_in_its_parameters(string fqn)
    {
        var response = await Server.Client.GetAsync($"/events?entity_fqn={fqn}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_STRING", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task in_with_null_on_a_column_that_cannot_be_null_matches_nothing_instead_of_failing()
    {
        var (status, body) = await PostAsync("{ events(where: { sequence: { in: [null] } }) { nodes { sequence } } e: events(where: { sequence: { eq: null } }) { nodes { sequence } } }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(0, body.GetProperty("data").GetProperty("events").GetProperty("nodes").GetArrayLength());
    }
}
