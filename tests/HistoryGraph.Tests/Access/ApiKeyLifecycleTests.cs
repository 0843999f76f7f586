using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Tests.Live;
using HistoryGraph.TestSupport;
using Microsoft.Data.Sqlite;

namespace HistoryGraph.Tests.Access;

/// A key's life: made by the `keys` command (the built server, as an operator runs it) or by an
/// admin, stored only as a hash, used, rotated with an overlap, revoked, expired; a live
/// connection ends when its key expires.
public class ApiKeyLifecycleTests(ApiKeyLifecycleTests.ServerFixture fixture) : IClassFixture<ApiKeyLifecycleTests.ServerFixture>
{
    public const string AdminKey = "lifecycle-admin";

    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => [$"Admin:ApiKeys:0={AdminKey}", "Auth:AllowAnonymousReads=false"];
    }

    private readonly HistoryGraphServer _server = fixture.Server;

    /// Runs `HistoryGraph keys ...` on the fixture's store: exit code, standard output, standard error.
    private async Task<(int Code, string Out, string Error)> KeysAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(ServerProcess.BuiltDll())! };
        start.ArgumentList.Add(ServerProcess.BuiltDll());
        start.ArgumentList.Add("keys");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add($"--ConnectionStrings:History={fixture.ConnectionString}");
        start.ArgumentList.Add("--Serilog:MinimumLevel:Default=Warning");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, (await output).Trim(), await error);
    }

    private async Task<HttpStatusCode> ReadAsync(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ events(first: 1) { totalCount } }" }) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await _server.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<JsonNode> AdminAsync(string query)
    {
        var body = await _server.AdminGraphQLAsync(query, null, AdminKey);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return JsonNode.Parse(body.GetProperty("data").GetRawText())!;
    }

    [Fact]
    public async Task the_keys_command_makes_lists_rotates_and_revokes_keys_that_the_server_accepts()
    {
        var created = await KeysAsync("create", "--role=reader", "--name=dashboard");
        Assert.True(created.Code == 0, created.Error);
        var key = created.Out;
        Assert.Matches("^hg_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$", key);
        var id = key.Split('_')[1];
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(key));

        var list = await KeysAsync("list");
        Assert.Equal(0, list.Code);
        Assert.Contains(id, list.Out);
        Assert.Contains("dashboard", list.Out);
        Assert.DoesNotContain(key, list.Out);

        var rotated = await KeysAsync("rotate", id, "--overlap=1h");
        Assert.True(rotated.Code == 0, rotated.Error);
        Assert.NotEqual(key, rotated.Out);
        // Both work during the overlap.
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(rotated.Out));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(key));

        Assert.Equal(0, (await KeysAsync("revoke", rotated.Out.Split('_')[1])).Code);
        // Another process revoked it: this server notices within its look-up cache's time.
        await WaitForStatusAsync(rotated.Out, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(key));
    }

    [Fact]
    public async Task the_keys_command_refuses_what_it_cannot_do()
    {
        Assert.Equal(2, (await KeysAsync("create", "--role=owner", "--name=x")).Code);
        Assert.Equal(2, (await KeysAsync("create", "--role=reader")).Code);
        var missing = await KeysAsync("revoke", "zzzzzzzzzzzz");
        Assert.Equal(2, missing.Code);
        Assert.Contains("no API key", missing.Error);
        Assert.Equal(2, (await KeysAsync("fly")).Code);
        Assert.Equal(2, (await KeysAsync("create", "--role=reader", "--name=x", "--expires=yesterday")).Code);
    }

    private async Task WaitForStatusAsync(string key, HttpStatusCode expected)
    {
        for (var i = 0; i < 100 && await ReadAsync(key) != expected; i++)
            await Task.Delay(100);
        Assert.Equal(expected, await ReadAsync(key));
    }

    [Fact]
    public async Task only_the_hash_of_a_key_is_stored_and_its_last_use_is_recorded()
    {
        var key = (string)(await AdminAsync("""mutation { createApiKey(name: "hashed", role: READER) { key } }"""))["createApiKey"]!["key"]!;
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(key));

        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM api_keys";
        await using var reader = await command.ExecuteReaderAsync();
        var secret = key.Split('_', 3)[2];
        while (await reader.ReadAsync())
        {
            for (var column = 0; column < reader.FieldCount; column++)
            {
                var value = reader.GetValue(column);
                var text = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Convert.ToBase64String(bytes) : value.ToString()!;
                Assert.DoesNotContain(secret, text);
            }
        }

        var id = key.Split('_')[1];
        JsonNode? listed = null;
        for (var i = 0; i < 50; i++)
        {
            listed = (await AdminAsync("{ apiKeys { id name role lastUsedAt createdBy } }"))["apiKeys"]!.AsArray().Single(k => (string?)k!["id"] == id);
            if (listed!["lastUsedAt"] is not null)
                break;
            await Task.Delay(100);
        }
        Assert.NotNull(listed!["lastUsedAt"]);
        Assert.Equal("READER", (string?)listed["role"]);
        Assert.Equal("admin key 1", (string?)listed["createdBy"]);
    }

    [Fact]
    public async Task a_live_connection_ends_when_its_key_expires()
    {
        var expiresAt = DateTime.UtcNow.AddSeconds(3).ToString("O");
        var key = (string)(await AdminAsync($$"""mutation { createApiKey(name: "short", role: READER, expiresAt: "{{expiresAt}}") { key } }"""))["createApiKey"]!["key"]!;

        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync(new JsonObject { ["apiKey"] = key });
        var sse = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "subscription { changes { sequence } }" }) };
        sse.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        sse.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var stream = await _server.Client.SendAsync(sse, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        Assert.Equal(4403, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(15)));
        // The stream ends too (its body reaches its end instead of waiting for events for ever).
        var body = await stream.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("event: next", body);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(key));
    }

    [Fact]
    public async Task rotation_with_no_overlap_ends_the_old_key_at_once_and_a_revoked_key_cannot_be_rotated()
    {
        var old = (string)(await AdminAsync("""mutation { createApiKey(name: "to rotate", role: ADMIN) { key } }"""))["createApiKey"]!["key"]!;
        var rotated = (await AdminAsync($$"""mutation { rotateApiKey(id: "{{old.Split('_')[1]}}", overlapMinutes: 0) { key apiKey { name role } replaced { id rotatedTo } } }"""))["rotateApiKey"]!;
        Assert.Equal("to rotate", (string?)rotated["apiKey"]!["name"]);
        Assert.Equal("ADMIN", (string?)rotated["apiKey"]!["role"]);
        Assert.Equal(((string)rotated["key"]!).Split('_')[1], (string?)rotated["replaced"]!["rotatedTo"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(old));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync((string)rotated["key"]!));

        var body = await _server.AdminGraphQLAsync($$"""mutation { rotateApiKey(id: "{{old.Split('_')[1]}}") { key } }""", null, AdminKey);
        Assert.Equal("INVALID_ARGUMENT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
