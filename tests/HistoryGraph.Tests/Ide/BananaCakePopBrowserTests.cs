using HistoryGraph.TestSupport;
using Microsoft.Playwright;

namespace HistoryGraph.Tests.Ide;

/// Banana Cake Pop in a real headless Chromium (Debian's package, installed by scripts/test.sh):
/// it loads from the server alone, runs a query against it and shows the answer.
public class BananaCakePopBrowserTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task the_ide_runs_a_query_against_the_server_and_shows_the_result()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/test.sh, which installs Debian's chromium.");
        var fqn = $"kafka_prod.browser_{Guid.NewGuid():N}";
        await fixture.Server.PostAsync(OmEvent.Created(Guid.NewGuid(), fqn).ToJson());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.Server.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                outside.Add(request.Url);
        };

        var response = await page.GotoAsync(new Uri(fixture.Server.Address, "/graphql").ToString());
        Assert.Equal(new Uri(fixture.Server.Address, "/graphql/").ToString(), page.Url);
        Assert.True(response!.Ok);

        await page.GetByText("Create Document").First.ClickAsync(new() { Timeout = 30_000 });
        await page.Locator(".monaco-editor .view-lines").First.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync($"{{ entity(fqn: \"{fqn}\") {{ fqn lifecycle }} }}");

        // The IDE parses the document in the background; a Run pressed before that does nothing,
        // so it is pressed again until the answer shows (five times at most).
        var body = page.Locator("body");
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).First.ClickAsync();
                try
                {
                    await Assertions.Expect(body).ToContainTextAsync("ACTIVE", new() { Timeout = 6_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 5)
                {
                }
            }
        }
        finally
        {
            var artifacts = Path.Combine(RepositoryPaths.Root, "artifacts");
            Directory.CreateDirectory(artifacts);
            await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "banana-cake-pop.png"), FullPage = true });
        }
        Assert.Contains(fqn, await body.InnerTextAsync());
        Assert.Empty(outside);
    }
}
