using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HistoryGraph.Tests.Transport;

/// GraphQL over HTTP on /graphql, as the graphql-http audit suite checks it.
public class GraphQLHttpTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private HttpClient Client => fixture.Server.Client;

    private Task<HttpResponseMessage> PostAsync(string body, string? accept = null, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return Client.SendAsync(request);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData("*/*", "application/json")]
    [InlineData(null, "application/json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    public async Task the_response_media_type_follows_accept(string? accept, string expected)
    {
        var response = await PostAsync("""{"query":"{ __typename }"}""", accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("Query", (await BodyAsync(response)).GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task a_get_query_with_url_encoded_variables_is_executed()
    {
        var query = Uri.EscapeDataString("query Type($name: String!) { __type(name: $name) { name } }");
        var variables = Uri.EscapeDataString("""{"name":"Entity"}""");
        var response = await Client.GetAsync($"/graphql?query={query}&variables={variables}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Entity", (await BodyAsync(response)).GetProperty("data").GetProperty("__type").GetProperty("name").GetString());
    }

    [Fact]
    public async Task a_mutation_over_get_is_405_with_allow_post()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { __typename }"));
        request.Headers.TryAddWithoutValidation("Accept", GraphQLResponse);
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", (await BodyAsync(response)).GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_post_without_content_type_is_415()
    {
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task a_post_with_a_non_json_content_type_is_415() =>
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync("query=x", contentType: "application/x-www-form-urlencoded")).StatusCode);

    [Theory]
    [InlineData("")]
    [InlineData("{ \"not a JSON")]
    public async Task a_body_that_is_not_json_is_400_whatever_is_accepted(string body)
    {
        foreach (var accept in new[] { GraphQLResponse, "application/json" })
        {
            var response = await PostAsync(body, accept);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("INVALID_REQUEST", (await BodyAsync(response)).GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
    }

    [Theory]
    [InlineData("""{"notquery":"{ __typename }"}""")]
    [InlineData("""{"query":{"obj":"ect"}}""")]
    [InlineData("""{"query":0}""")]
    [InlineData("""{"query":false}""")]
    [InlineData("""{"query":["array"]}""")]
    [InlineData("""{"query":"{ __typename }","operationName":0}""")]
    [InlineData("""{"query":"{ __typename }","variables":"string"}""")]
    [InlineData("""{"query":"{ __typename }","variables":["array"]}""")]
    [InlineData("""{"query":"{ __typename }","extensions":false}""")]
    [InlineData("""{"query":"{"}""")]
    [InlineData("""{"query":"{ 8f31403dfe404bccbb0e835f2629c6a7 }"}""")]
    public async Task bad_requests_are_400_without_data_for_graphql_response_json_and_200_with_errors_for_json(string body)
    {
        var strict = await PostAsync(body, GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        var strictBody = await BodyAsync(strict);
        Assert.False(strictBody.TryGetProperty("data", out _));
        Assert.True(strictBody.GetProperty("errors").GetArrayLength() > 0);

        var lenient = await PostAsync(body, "application/json");
        Assert.Equal(HttpStatusCode.OK, lenient.StatusCode);
        Assert.True((await BodyAsync(lenient)).GetProperty("errors").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("""{"query":"{ __typename }","variables":null}""")]
    [InlineData("""{"query":"{ __typename }","operationName":null}""")]
    [InlineData("""{"query":"{ __typename }","extensions":null}""")]
    [InlineData("""{"query":"{ __typename }","extensions":{"some":"value"}}""")]
    [InlineData("""{"query":"query Query { __typename }","operationName":"Query"}""")]
    [InlineData("""{"query":"query Type($name: String!) { __type(name: $name) { name } }","variables":{"name":"sometype"}}""")]
    public async Task well_formed_parameters_are_accepted(string body)
    {
        var response = await PostAsync(body, "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await BodyAsync(response)).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task an_oversized_request_is_413()
    {
        var query = "{ __typename }" + new string(' ', 1_100_000);
        var response = await PostAsync(JsonSerializer.Serialize(new { query }), "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task sdl_is_served_as_text()
    {
        var response = await Client.GetAsync("/graphql?sdl");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var sdl = await response.Content.ReadAsStringAsync();
        Assert.Contains("type Query", sdl);
        Assert.Contains("scalar UUID", sdl);
        Assert.Contains("scalar JSON", sdl);
        Assert.DoesNotContain("scalar Guid", sdl);
    }
}
