using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Hosting;

/// The published server as an operator starts it: `dotnet /path/HistoryGraph.dll` from another
/// working directory (a service manager's), reading its own appsettings.json and logging.
public class ProcessStartTests
{
    [Fact]
    public async Task started_from_another_folder_it_reads_its_settings_and_logs_client_text_escaped()
    {
        var folder = Directory.CreateTempSubdirectory("historygraph-start-");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerProcess.BuiltDll(), $"--urls=http://127.0.0.1:{port}", "--OpenMetadata:WebhookSecrets:0=s3cret",
                $"--Storage:SqlitePath={Path.Combine(folder.FullName, "history.db")}" },
            WorkingDirectory = folder.FullName, // no appsettings.json here
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitAsync(async () => (await client.GetAsync("/health")).IsSuccessStatusCode);

            var body = Encoding.UTF8.GetBytes("{\"message\":\"hello\\n[00:00:00 ERR] forged line\"}");
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, "s3cret"));
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
            await WaitAsync(() => Task.FromResult(Text(output).Contains("test message received")));

            var log = Text(output);
            // appsettings.json's Serilog console sink, found although the working folder has none.
            Assert.Contains("Now listening on", log);
            Assert.Contains(@"hello\u000a[00:00:00 ERR] forged line", log);
            Assert.DoesNotContain(log.Split('\n'), line => line.StartsWith("[00:00:00 ERR] forged", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not get there within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
