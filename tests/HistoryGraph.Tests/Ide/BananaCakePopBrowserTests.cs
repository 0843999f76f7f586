using HistoryGraph.TestSupport;
using Microsoft.Playwright;

namespace HistoryGraph.Tests.Ide;

/// Banana Cake Pop in a real headless Chromium (Debian's package, installed by scripts/test.sh):
/// it loads from the server alone, runs a query against it and shows the answer, and shows
/// the events of a subscription as they are committed.
public class BananaCakePopBrowserTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task the_ide_runs_a_query_against_the_server_and_shows_the_result()
    {
        var fqn = $"kafka_prod.browser_{Guid.NewGuid():N}";
        await fixture.Server.PostAsync(OmEvent.Created(Guid.NewGuid(), fqn).ToJson());
        await using var ide = await OpenAsync();

        await ide.TypeDocumentAsync($"{{ entity(fqn: \"{fqn}\") {{ fqn lifecycle }} }}");
        // The IDE parses the document in the background; a Run pressed before that does nothing,
        // so it is pressed again until the answer shows (five times at most).
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await ide.RunAsync();
                try
                {
                    await Assertions.Expect(ide.Body).ToContainTextAsync("ACTIVE", new() { Timeout = 6_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 5)
                {
                }
            }
        }
        finally
        {
            await ide.ScreenshotAsync("banana-cake-pop.png");
        }
        Assert.Contains(fqn, await ide.Body.InnerTextAsync());
        Assert.Empty(ide.Outside);
    }

    [Fact]
    public async Task the_ide_shows_a_live_event_of_a_subscription()
    {
        var prefix = $"kafka_prod.live_{Guid.NewGuid():N}";
        await using var ide = await OpenAsync();
        await ide.TypeDocumentAsync($"subscription {{ changes(where: {{ fqn: {{ startsWith: \"{prefix}\" }} }}) {{ sequence fqn eventType }} }}");

        // Run until the IDE sent the subscription (it parses the document in the background).
        for (var attempt = 1; ide.LiveConnections.Count == 0 && attempt <= 5; attempt++)
        {
            await ide.RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        Assert.NotEmpty(ide.LiveConnections);

        // Events are committed until one shows (the subscription may take a moment to start).
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var posted = await fixture.Server.PostAsync(OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{attempt}").ToJson());
                Assert.True(posted.IsSuccessStatusCode);
                try
                {
                    await Assertions.Expect(ide.Body).ToContainTextAsync($"{prefix}.t", new() { Timeout = 4_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 5)
                {
                }
            }
        }
        finally
        {
            await ide.ScreenshotAsync("banana-cake-pop-subscription.png");
        }
        Assert.Contains("entityCreated", await ide.Body.InnerTextAsync());
        Assert.Empty(ide.Outside);
    }

    private async Task<Ide> OpenAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/test.sh, which installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        // No service worker: the IDE's would reload the page once it has cached itself, dropping
        // the connection of a subscription started before that.
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, ServiceWorkers = ServiceWorkerPolicy.Block });
        var ide = new Ide(playwright, browser, page);
        var server = fixture.Server.Address.GetLeftPart(UriPartial.Authority);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                ide.Outside.Add(request.Url);
            if (request.Headers.TryGetValue("accept", out var accept) && accept.Contains("text/event-stream", StringComparison.Ordinal))
                ide.LiveConnections.Add("sse " + request.Url);
        };
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            if (frame.Text?.Contains("\"subscribe\"", StringComparison.Ordinal) == true || frame.Text?.Contains("\"start\"", StringComparison.Ordinal) == true)
                ide.LiveConnections.Add("websocket " + socket.Url);
        };

        var response = await page.GotoAsync(new Uri(fixture.Server.Address, "/graphql").ToString());
        Assert.Equal(new Uri(fixture.Server.Address, "/graphql/").ToString(), page.Url);
        Assert.True(response!.Ok);
        await page.GetByText("Create Document").First.ClickAsync(new() { Timeout = 30_000 });
        return ide;
    }

    private sealed class Ide(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public List<string> Outside { get; } = [];
        public System.Collections.Concurrent.ConcurrentBag<string> LiveConnections { get; } = [];
        public ILocator Body => page.Locator("body");

        public async Task TypeDocumentAsync(string document)
        {
            await page.Locator(".monaco-editor .view-lines").First.ClickAsync();
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.InsertTextAsync(document);
        }

        public Task RunAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Run" }).First.ClickAsync();

        public async Task ScreenshotAsync(string name)
        {
            var artifacts = Path.Combine(RepositoryPaths.Root, "artifacts");
            Directory.CreateDirectory(artifacts);
            await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, name), FullPage = true });
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
