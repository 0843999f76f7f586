using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using HistoryGraph.TestSupport;
using Microsoft.Playwright;

namespace HistoryGraph.Tests.Dashboard;

/// One browser tab on the dashboard. It records what a person would not see but a test must:
/// script errors, console errors, Content-Security-Policy refusals and any request that leaves
/// the server (the dashboard must work offline).
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _origin;

    private DashboardPage(IBrowserContext context, IPage page, Uri server)
    {
        _context = context;
        Page = page;
        Server = server;
        _origin = server.GetLeftPart(UriPartial.Authority);
        page.PageError += (_, error) => Problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                ConsoleErrors.Add(message.Text);
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(_origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                Problems.Add("request outside the server: " + request.Url);
            GraphQLBodies.Add(request.Method == "POST" && request.Url.EndsWith("/graphql", StringComparison.Ordinal) ? request.PostData ?? "" : "");
        };
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => GraphQLBodies.Add(frame.Text ?? "");
    }

    public IPage Page { get; }
    public Uri Server { get; }
    public ConcurrentBag<string> Problems { get; } = [];
    public ConcurrentBag<string> ConsoleErrors { get; } = [];
    /// Every GraphQL request body and WebSocket frame the page sent.
    public ConcurrentBag<string> GraphQLBodies { get; } = [];

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri server, string path, string colorScheme, int width, int height)
    {
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            Locale = "en-GB",
            TimezoneId = "Europe/Berlin",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page, server);
        await dashboard.GotoAsync(path);
        return dashboard;
    }

    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(new Uri(Server, path).ToString());
        Assert.True(response!.Ok, $"GET {path}: {response.Status}");
    }

    public ILocator Main => Page.Locator("main");

    /// The text of the element with this id once it shows a number (not "…"), as a number.
    public async Task<long> NumberAsync(string id)
    {
        var locator = Page.Locator($"#{id}");
        await Assertions.Expect(locator).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"), new() { Timeout = 10_000 });
        return ParseNumber(await locator.InnerTextAsync());
    }

    public static long ParseNumber(string text) => long.Parse(new string(text.Where(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    /// Fails on every WCAG 2.1 A and AA rule axe finds broken on the page as it is now.
    public async Task AssertAccessibleAsync(string what)
    {
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(violations.Count == 0, $"{what}: {string.Join("\n", violations)}");
    }

    /// A screenshot of the whole page, kept as a test artefact under artifacts/dashboard/.
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "dashboard");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// Nothing went wrong that the person would not have seen; requests may go to the server
    /// and to `alsoAllowed` (an issuer the person signs in with) only.
    public void AssertClean(params Uri[] alsoAllowed)
    {
        var allowed = alsoAllowed.Select(a => "request outside the server: " + a.GetLeftPart(UriPartial.Authority) + "/").ToList();
        Assert.DoesNotContain(Problems, p => !allowed.Any(a => p.StartsWith(a, StringComparison.Ordinal)));
        // A failed request shows on the page itself; anything else logged as an error is a fault.
        Assert.DoesNotContain(ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal) || !e.Contains("Failed to load resource", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
