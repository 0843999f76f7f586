using Microsoft.Playwright;

namespace HistoryGraph.Tests.Dashboard;

/// A server on the embedded SQLite store (the default a data steward starts with) holding the
/// known history, and one headless Chromium (Debian's, installed by scripts/test.sh) that the
/// class's tests open pages in.
public class DashboardFixture : SqliteServerFixture
{
    public const string Chromium = "/usr/bin/chromium";

    public KnownHistory History { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        // Several browsers and servers share two cores while the suite runs: an expectation
        // waits up to 15 s (the 2-second promise of the live feed is checked on its own).
        Assertions.SetDefaultExpectTimeout(15_000);
        await base.InitializeAsync();
        await History.PostAsync(Server);
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/test.sh, which installs Debian's chromium.");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public Task<DashboardPage> OpenAsync(string path, string colorScheme = "light", int width = 1400, int height = 900) =>
        DashboardPage.OpenAsync(Browser, Server.Address, path, colorScheme, width, height);

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await base.DisposeAsync();
    }
}
