using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Access;

/// Keys never reach the log, whatever happens to them; a refused key is named by its id. The
/// built server runs as its own process at Information level, and everything it writes is read.
public sealed class CredentialLoggingTests : IDisposable
{
    private const string ConfiguredAdmin = "configured-admin-key-for-logging";
    private readonly string _path = TestStores.NewSqlitePath();

    public void Dispose() => TestStores.DeleteSqlite(_path);

    [Fact]
    public async Task keys_are_never_logged_and_a_refused_one_is_named_by_its_id()
    {
        var port = TestIssuer.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(ServerProcess.BuiltDll())! };
        foreach (var argument in new[] { ServerProcess.BuiltDll(), $"--urls=http://127.0.0.1:{port}", $"--ConnectionStrings:History=Data Source={_path}",
            "--OpenMetadata:WebhookSecrets:0=logging-secret", $"--Admin:ApiKeys:0={ConfiguredAdmin}", "--Serilog:MinimumLevel:Default=Information",
            "--Serilog:MinimumLevel:Override:Microsoft=Information" })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string key;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.Existing(client.BaseAddress).WaitHealthyAsync(client);

            key = (string)(await SendAsync(client, ConfiguredAdmin, """mutation { createApiKey(name: "logged", role: READER) { key } }"""))!["data"]!["createApiKey"]!["key"]!;
            Assert.Equal(HttpStatusCode.OK, await ReadAsync(client, key));
            await SendAsync(client, ConfiguredAdmin, $$"""mutation { revokeApiKey(id: "{{key.Split('_')[1]}}") { id } }""");
            Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(client, key));
            Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(client, "hg_abcdefghijkl_" + new string('B', 43)));
            Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(client, "not-a-key-at-all"));
            var webhook = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new ByteArrayContent(OmEvent.Created(Guid.NewGuid(), "logging.db.s.t").ToBytes()) };
            webhook.Headers.Add("Authorization", "Bearer " + key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(webhook)).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        string log;
        lock (output)
            log = output.ToString();
        Assert.Contains("API key " + key.Split('_')[1], log);
        Assert.Contains("key id " + key.Split('_')[1], log);
        Assert.Contains("key id abcdefghijkl", log);
        foreach (var secret in new[] { key, key.Split('_', 3)[2], ConfiguredAdmin, new string('B', 43), "not-a-key-at-all" })
            Assert.DoesNotContain(secret, log);
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, string key, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["errors"]);
        return body;
    }

    private static async Task<HttpStatusCode> ReadAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ events(first: 1) { totalCount } }" }) };
        request.Headers.Add("Authorization", "Bearer " + key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
