using System.Text.RegularExpressions;
using HistoryGraph.TestSupport;
using Microsoft.Playwright;

namespace HistoryGraph.Tests.Dashboard;

/// The dashboard while changes arrive: they show without a reload, and a connection that drops
/// loses none of them. A class of its own, so that the changes it posts leave the known
/// history of DashboardPagesTests as it is.
public class DashboardLiveTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task a_webhook_posted_while_the_page_is_open_appears_in_the_live_feed_and_on_the_counters_within_two_seconds()
    {
        await using var live = await fixture.OpenAsync("/live");
        await using var overview = await fixture.OpenAsync("/");
        await Assertions.Expect(live.Page.Locator("#live-status")).ToContainTextAsync("Connected");
        await Assertions.Expect(overview.Page.Locator(".live-state")).ToContainTextAsync("connected");
        var before = await overview.NumberAsync("current-changes");
        var fqn = $"shop.sales.public.live_{Guid.NewGuid():N}";

        var posted = DateTime.UtcNow;
        using var response = await fixture.Server.PostAsync(OmEvent.Created(Guid.NewGuid(), fqn, timestamp: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToJson());
        Assert.True(response.IsSuccessStatusCode);

        await Assertions.Expect(live.Page.Locator("table.events tbody tr").First).ToContainTextAsync(fqn, new() { Timeout = 2_000 });
        await Assertions.Expect(overview.Page.Locator("#current-changes")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
        Assert.True(DateTime.UtcNow - posted < TimeSpan.FromSeconds(2.5));
        await live.ScreenshotAsync("live-feed");
        live.AssertClean();
        overview.AssertClean();
    }

    [Fact]
    public async Task a_dropped_connection_misses_nothing_once_it_resumes()
    {
        var prefix = $"shop.resume_{Guid.NewGuid():N}";
        await using var page = await fixture.OpenAsync("/");
        // Every WebSocket goes through the test, which can cut it and hold new ones off.
        IWebSocketRoute? current = null;
        var refuse = false;
        await page.Page.RouteWebSocketAsync(new Regex("/graphql$"), socket =>
        {
            if (Volatile.Read(ref refuse))
            {
                socket.CloseAsync(new() { Code = 1006, Reason = "cut by the test" });
                return;
            }
            socket.ConnectToServer();
            current = socket;
        });
        await page.GotoAsync($"/live?prefix={prefix}");
        await Assertions.Expect(page.Page.Locator("#live-status")).ToContainTextAsync("Connected");
        await PostAsync($"{prefix}.before");
        await Assertions.Expect(page.Page.Locator("table.events")).ToContainTextAsync($"{prefix}.before");

        Volatile.Write(ref refuse, true);
        await current!.CloseAsync(new() { Code = 1006, Reason = "cut by the test" });
        await Assertions.Expect(page.Page.Locator("#live-status")).ToContainTextAsync("reconnecting");
        for (var i = 0; i < 3; i++)
            await PostAsync($"{prefix}.while_{i}");
        await page.ScreenshotAsync("live-feed-reconnecting");
        Volatile.Write(ref refuse, false);

        await Assertions.Expect(page.Page.Locator("#live-status")).ToContainTextAsync("Connected", new() { Timeout = 20_000 });
        await PostAsync($"{prefix}.after");
        var rows = page.Page.Locator("table.events tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5, new() { Timeout = 10_000 });
        var shown = (await rows.AllInnerTextsAsync()).Select(r => Regex.Match(r, prefix.Replace(".", "\\.") + @"\.(\w+)").Groups[1].Value).ToList();
        Assert.Equal(["after", "while_2", "while_1", "while_0", "before"], shown);
        page.AssertClean();

        async Task PostAsync(string fqn)
        {
            using var response = await fixture.Server.PostAsync(OmEvent.Created(Guid.NewGuid(), fqn, timestamp: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToJson());
            Assert.True(response.IsSuccessStatusCode);
        }
    }

    [Fact]
    public async Task without_sign_in_the_live_feed_takes_the_name_whose_assets_to_show()
    {
        // No sign-in here, so no "I": the filter asks for a name, owner or follower.
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var page = await fixture.OpenAsync("/live");
        await page.Page.GetByLabel("Assets owned or followed by").FillAsync($"gina_{run}");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex($"[?&]watcher=gina_{run}"));
        await Assertions.Expect(page.Page.Locator("#live-status")).ToContainTextAsync("Connected");

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // hal's table is stored between gina's two: had it passed the filter, it would show before the last.
        foreach (var (fqn, owner) in new[] { ($"shop.sales.public.gina_{run}", $"gina_{run}"), ($"shop.sales.public.hal_{run}", $"hal_{run}"), ($"shop.sales.public.gina_{run}_2", $"gina_{run}") })
        {
            var created = OmEvent.Created(Guid.NewGuid(), fqn, timestamp: now++) with
            {
                Entity = new System.Text.Json.Nodes.JsonObject
                {
                    ["owners"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "user", ["name"] = owner }),
                },
            };
            using var response = await fixture.Server.PostAsync(created.ToJson());
            Assert.True(response.IsSuccessStatusCode);
        }

        var rows = page.Page.Locator("table.events tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var shown = await rows.AllInnerTextsAsync();
        Assert.Contains($"gina_{run}_2", shown[0]);
        Assert.Contains($"gina_{run}", shown[1]);
        Assert.DoesNotContain(shown, row => row.Contains($"hal_{run}", StringComparison.Ordinal));
        page.AssertClean();
    }
}
