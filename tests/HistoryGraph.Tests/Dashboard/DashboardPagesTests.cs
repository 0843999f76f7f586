using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryGraph.TestSupport;
using Microsoft.Playwright;

namespace HistoryGraph.Tests.Dashboard;

/// The dashboard in a real Chromium against the real server holding a known history: each
/// page shows what the API answers, and the person can get around with the keyboard alone.
public class DashboardPagesTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const string Berlin = "Europe/Berlin";

    [Fact]
    public async Task the_overview_shows_the_apis_counts_for_the_last_30_days()
    {
        await using var page = await fixture.OpenAsync("/");
        var total = await page.NumberAsync("total-changes");

        // The window the page asks for: from midnight in Berlin 29 days ago until now.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Berlin);
        var berlinNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var from = new DateTimeOffset(berlinNow.Date.AddDays(-29), zone.GetUtcOffset(berlinNow.Date.AddDays(-29))).ToUniversalTime();
        var to = DateTimeOffset.UtcNow;
        var api = await fixture.Server.QueryAsync("""
            query($from: DateTime!, $to: DateTime!) {
              changeStats(from: $from, to: $to, bucket: DAY, timeZone: "Europe/Berlin") { count }
              topEntities(from: $from, to: $to, first: 10) { count entity { fqn } }
              people: topUsers(from: $from, to: $to, kind: HUMAN) { name count }
              bots: topUsers(from: $from, to: $to, kind: BOT) { name count }
              agents: topUsers(from: $from, to: $to, kind: AGENT) { name count }
              deletions { totalCount }
              events(where: { breaking: { eq: true } }) { totalCount }
            }
            """, new { from, to });
        Assert.Equal(api.GetProperty("changeStats").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()), total);
        Assert.Equal(fixture.History.Events.Count, total);
        Assert.Equal(api.GetProperty("deletions").GetProperty("totalCount").GetInt64(), await page.NumberAsync("deletion-count"));
        Assert.Equal(2, await page.NumberAsync("deletion-count"));
        Assert.Equal(api.GetProperty("events").GetProperty("totalCount").GetInt64(), await page.NumberAsync("breaking-changes"));

        Assert.Equal(Ranking(api.GetProperty("topEntities"), e => e.GetProperty("entity").GetProperty("fqn").GetString()!), await RankingAsync(page, "top-assets"));
        Assert.Equal(Ranking(api.GetProperty("people"), e => e.GetProperty("name").GetString()!), await RankingAsync(page, "top-people"));
        Assert.Equal(Ranking(api.GetProperty("bots"), e => e.GetProperty("name").GetString()!), await RankingAsync(page, "top-bots"));
        Assert.Equal(Ranking(api.GetProperty("agents"), e => e.GetProperty("name").GetString()!), await RankingAsync(page, "top-agents"));
        // The known history: alice worked three times herself, bob once (once more through
        // the agent, which counts for the agent), the bot made the three tables.
        Assert.Equal(["alice 3", "carol 2", "admin 1", "bob 1"], await RankingAsync(page, "top-people"));
        Assert.Equal(["ingestion-bot 3"], await RankingAsync(page, "top-bots"));
        Assert.Equal(["mcp-agent 1"], await RankingAsync(page, "top-agents"));

        // The table behind the chart has a row per day and adds up to the total.
        await page.Page.GetByText("The numbers").First.ClickAsync();
        var rows = await page.Page.Locator("#changes-table tbody tr").AllAsync();
        Assert.Equal(30, rows.Count);
        long sum = 0;
        foreach (var row in rows)
            sum += DashboardPage.ParseNumber(await row.Locator("td").Last.InnerTextAsync());
        Assert.Equal(total, sum);
        await page.ScreenshotAsync("overview");
        page.AssertClean();
    }

    [Fact]
    public async Task compare_shows_the_retyped_column_side_by_side_and_blame_says_who_and_when()
    {
        await using var page = await fixture.OpenAsync($"/assets?fqn={KnownHistory.Orders}");
        await Assertions.Expect(page.Page.Locator("#version-count")).ToHaveTextAsync("4 versions.");
        var compareLink = page.Page.GetByRole(AriaRole.Link, new() { Name = "Compare with 0.2" });
        await compareLink.ClickAsync();
        await Assertions.Expect(page.Page.Locator("#compare-summary")).ToContainTextAsync("MAJOR");
        var row = page.Page.Locator($"table.aligned-diff tr[data-name='{KnownHistory.RetypedColumn}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td.changed.after")).ToHaveTextAsync(new Regex("^bigint"));
        // Only the retyped column differs between these two versions.
        await Assertions.Expect(page.Page.Locator("table.aligned-diff tbody tr")).ToHaveCountAsync(1);
        await page.Page.GetByText("Raw JSON").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".raw-diff")).ToContainTextAsync("BIGINT");
        await page.ScreenshotAsync("asset-compare");

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Blame" }).ClickAsync();
        var blame = page.Page.Locator("#blame tbody tr", new() { HasText = $"columns.{KnownHistory.RetypedColumn}.dataType" });
        await Assertions.Expect(blame).ToHaveCountAsync(1);
        await Assertions.Expect(blame).ToContainTextAsync("bob");
        await Assertions.Expect(blame).ToContainTextAsync("0.3");
        // Narrowed to the column: only its values, each with who set it.
        await page.Page.GetByLabel("Column").SelectOptionAsync(KnownHistory.RetypedColumn);
        var rows = page.Page.Locator("#blame tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync(KnownHistory.RetypedColumn);
        var texts = await rows.AllInnerTextsAsync();
        Assert.All(texts, t => Assert.Contains($"columns.{KnownHistory.RetypedColumn}.", t, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("ingestion-bot", StringComparison.Ordinal));
        await page.ScreenshotAsync("asset-blame");
        page.AssertClean();
    }

    [Fact]
    public async Task every_page_passes_axe_in_light_and_dark_and_sends_only_trusted_documents()
    {
        string[] paths =
        [
            "/", "/live", "/assets", $"/assets?fqn={KnownHistory.Orders}", $"/assets?fqn={KnownHistory.Orders}&tab=compare&from=0.1&to=0.4",
            $"/assets?fqn={KnownHistory.Orders}&tab=blame", $"/assets?fqn={KnownHistory.Orders}&tab=asof", $"/assets?fqn={KnownHistory.Customers}&tab=deletion",
            "/people", "/people?name=alice", "/audit", "/deletions", "/breaking",
        ];
        foreach (var scheme in new[] { "light", "dark" })
        {
            await using var page = await fixture.OpenAsync("/", scheme);
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Page.Locator(".status.loading")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
                await page.AssertAccessibleAsync($"{path} ({scheme})");
            }
            page.AssertClean();
            // No document text ever leaves the browser: only the ids the build generated.
            foreach (var body in page.GraphQLBodies.Where(b => b.Length > 0))
                Assert.DoesNotContain("\"query\":\"{", body, StringComparison.Ordinal);
            Assert.Contains(page.GraphQLBodies, b => b.Contains("sha256Hash", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task the_pages_are_reached_and_used_with_the_keyboard_alone_with_a_visible_focus()
    {
        await using var page = await fixture.OpenAsync("/");
        await page.NumberAsync("total-changes");
        var keyboard = page.Page.Keyboard;
        // The first Tab reaches "Skip to content", and it is visible when focused.
        await keyboard.PressAsync("Tab");
        var skip = page.Page.Locator(".skip");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        Assert.True(await skip.EvaluateAsync<bool>("e => e.getBoundingClientRect().left >= 0"));
        // On to the "Deletions" link of the navigation, then Enter.
        for (var i = 0; i < 20 && !await page.Page.EvaluateAsync<bool>("() => document.activeElement?.textContent === 'Deletions'"); i++)
            await keyboard.PressAsync("Tab");
        var focused = page.Page.Locator(":focus");
        await Assertions.Expect(focused).ToHaveTextAsync("Deletions");
        var outline = await focused.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth");
        Assert.StartsWith("solid", outline);
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex("/deletions$"));
        await Assertions.Expect(page.Page.Locator("#deletion-total")).ToHaveTextAsync("2 deletions.");

        // The filter is a form: typed into and sent with Enter.
        await page.GotoAsync("/audit");
        await page.Page.Locator("#audit-user").FocusAsync();
        await keyboard.TypeAsync("carol");
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex("user=carol"));
        var api = await fixture.Server.QueryAsync("{ fieldChanges(where: { changedBy: { eq: \"carol\" } }) { totalCount } }");
        await Assertions.Expect(page.Page.Locator("#audit-count")).ToHaveTextAsync($"{api.GetProperty("fieldChanges").GetProperty("totalCount").GetInt32()} field changes match.");
        // Back returns to the unfiltered log.
        await page.Page.GoBackAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex("/audit$"));
        page.AssertClean();
    }

    [Fact]
    public async Task people_deletions_and_breaking_changes_show_the_apis_answers()
    {
        var api = await fixture.Server.QueryAsync("""
            {
              users(order: [{ changeCount: DESC }, { name: ASC }], first: 50) { nodes { name changeCount } }
              alice: user(name: "alice") { changeCount }
              deletions { totalCount nodes { fqn kind } }
              events(where: { breaking: { eq: true } }) { totalCount nodes { fqn } }
            }
            """);
        await using var page = await fixture.OpenAsync("/people");
        var rows = page.Page.Locator("main table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(api.GetProperty("users").GetProperty("nodes").GetArrayLength());
        var shown = new List<string>();
        foreach (var row in await rows.AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            shown.Add($"{cells[0]} {DashboardPage.ParseNumber(cells[2])}");
        }
        Assert.Equal([.. api.GetProperty("users").GetProperty("nodes").EnumerateArray().Select(u => $"{u.GetProperty("name").GetString()} {u.GetProperty("changeCount").GetInt64()}")], shown);

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "alice", Exact = true }).First.ClickAsync();
        Assert.Equal(api.GetProperty("alice").GetProperty("changeCount").GetInt64(), await page.NumberAsync("person-change-count"));
        // Her assets: the orders table (described, tagged) and the dashboard she made.
        await Assertions.Expect(page.Page.Locator("#person-assets li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Page.Locator("#person-assets")).ToContainTextAsync(KnownHistory.Orders);
        await Assertions.Expect(page.Page.Locator("#person-assets")).ToContainTextAsync(KnownHistory.SalesDashboard);
        await page.ScreenshotAsync("person");

        await page.GotoAsync("/deletions");
        Assert.Equal(api.GetProperty("deletions").GetProperty("totalCount").GetInt64(), await page.NumberAsync("deletion-total"));
        foreach (var deletion in api.GetProperty("deletions").GetProperty("nodes").EnumerateArray())
            await Assertions.Expect(page.Page.Locator("main table tbody tr", new() { HasText = deletion.GetProperty("fqn").GetString()! })).ToContainTextAsync(deletion.GetProperty("kind").GetString() == "HARD" ? "hard" : "soft");
        await page.ScreenshotAsync("deletions");

        await page.GotoAsync("/breaking");
        Assert.Equal(api.GetProperty("events").GetProperty("totalCount").GetInt64(), await page.NumberAsync("breaking-total"));
        await Assertions.Expect(page.Page.Locator("table.events tbody tr")).ToHaveCountAsync(api.GetProperty("events").GetProperty("nodes").GetArrayLength());
        await Assertions.Expect(page.Page.Locator("table.events")).ToContainTextAsync(KnownHistory.Orders);
        await page.ScreenshotAsync("breaking-changes");
        page.AssertClean();
    }

    [Fact]
    public async Task as_of_a_moment_every_page_shows_the_catalog_as_it_stood_then()
    {
        // Four and a half days ago: after bob's agent retyped the column, before the hard
        // delete (four days ago), the soft delete and the last tags.
        var asOf = fixture.History.Now.AddDays(-4.5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var api = await fixture.Server.QueryAsync("""
            query($asOf: DateTime!) {
              events(where: { timestamp: { lt: $asOf } }) { totalCount }
              deletions(where: { deletedAt: { lt: $asOf } }) { totalCount }
            }
            """, new { asOf });
        await using var page = await fixture.OpenAsync($"/?asOf={Uri.EscapeDataString(asOf)}");
        await Assertions.Expect(page.Page.Locator(".banner")).ToContainTextAsync("Showing the catalog as it stood");
        Assert.Equal(api.GetProperty("events").GetProperty("totalCount").GetInt64(), await page.NumberAsync("total-changes"));
        Assert.Equal(0, await page.NumberAsync("deletion-count"));

        // The as-of moment goes along with every link.
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Deletions", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex("/deletions\\?asOf="));
        await Assertions.Expect(page.Main).ToContainTextAsync("No asset has been deleted by then.");
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Live feed" }).ClickAsync();
        await Assertions.Expect(page.Main).ToContainTextAsync("The live feed is paused while the catalog is shown as of a moment");

        await page.GotoAsync($"/assets?fqn={KnownHistory.Orders}&asOf={Uri.EscapeDataString(asOf)}");
        await Assertions.Expect(page.Page.Locator("#asset-then")).ToContainTextAsync("version 0.3");
        await Assertions.Expect(page.Page.Locator("#version-count")).ToHaveTextAsync("3 versions.");
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Blame" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#blame caption")).ToContainTextAsync("of version 0.3");
        // The tags alice added two days ago are not there yet.
        await Assertions.Expect(page.Page.Locator("#blame tbody tr", new() { HasText = "Tier.Tier1" })).ToHaveCountAsync(0);
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "As of", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#as-of-version")).ToContainTextAsync("Version 0.3");

        // The hard-deleted table still existed then.
        await page.GotoAsync($"/assets?search=legacy&asOf={Uri.EscapeDataString(asOf)}");
        await Assertions.Expect(page.Main.Locator("table")).ToContainTextAsync(KnownHistory.Legacy);
        page.AssertClean();
    }

    [Fact]
    public async Task at_a_phones_width_the_pages_fit_the_screen()
    {
        foreach (var path in new[] { "/", "/live", $"/assets?fqn={KnownHistory.Orders}", "/audit" })
        {
            await using var page = await fixture.OpenAsync(path, width: 390, height: 844);
            await Assertions.Expect(page.Page.Locator(".status.loading")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            await Assertions.Expect(page.Page.Locator("h1")).ToBeVisibleAsync();
            // Wide tables scroll inside their own box; the page itself does not scroll sideways.
            Assert.True(await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} is wider than the screen");
            await page.AssertAccessibleAsync($"{path} at 390 px");
            await page.ScreenshotAsync("phone" + path.Split('?')[0].Replace('/', '-').TrimEnd('-'));
            page.AssertClean();
        }
    }

    private static List<string> Ranking(JsonElement rows, Func<JsonElement, string> name) =>
        [.. rows.EnumerateArray().Select(r => $"{name(r)} {r.GetProperty("count").GetInt64()}")];

    private static async Task<List<string>> RankingAsync(DashboardPage page, string id)
    {
        var items = await page.Page.Locator($"#{id} li").AllAsync();
        var result = new List<string>();
        foreach (var item in items)
        {
            var name = await item.Locator("a").First.InnerTextAsync();
            var count = await item.Locator(".count").InnerTextAsync();
            result.Add($"{name} {DashboardPage.ParseNumber(count)}");
        }
        return result;
    }
}
