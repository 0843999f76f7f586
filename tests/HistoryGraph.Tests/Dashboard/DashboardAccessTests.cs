using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HistoryGraph.TestSupport;
using Microsoft.Playwright;

namespace HistoryGraph.Tests.Dashboard;

/// A server that reads nothing without a key or a token: admin and reader keys, and an issuer
/// (OpenIddict) that signs people in for the dashboard.
public sealed class KeyedDashboardFixture : DashboardFixture
{
    public const string AdminKey = "dashboard-admin-key-0123456789";
    public const string ReaderKey = "dashboard-reader-key-0123456789";
    public const string ClientId = "historygraph-dashboard";

    private readonly int _port = TestIssuer.FreePort();
    private readonly int _issuerPort = TestIssuer.FreePort();

    public TestIssuer Issuer { get; private set; } = null!;

    protected override string[] Settings =>
    [
        $"urls=http://127.0.0.1:{_port}",
        "Auth:AllowAnonymousReads=false",
        $"Admin:ApiKeys:0={AdminKey}",
        $"Streaming:ApiKeys:0={ReaderKey}",
        $"Auth:Issuers:0:Authority=http://127.0.0.1:{_issuerPort}/",
        $"Auth:Issuers:0:Audience={TestIssuer.Audience}",
        "Auth:Issuers:0:RequireHttpsMetadata=false",
        $"Auth:Issuers:0:DashboardClientId={ClientId}",
        "Auth:Issuers:0:DashboardScope=openid",
    ];

    public override async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync(_issuerPort, [],
            [new TestIssuer.Person("dana", "dana-password", ["reader"]), new TestIssuer.Person("erin", "erin-password", ["admin"])],
            [new TestIssuer.BrowserClient(ClientId, $"http://127.0.0.1:{_port}/")]);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// What the dashboard does where reading needs a key or a sign-in: it asks, keeps the answer
/// for the tab's session only, and shows what the role allows.
public class DashboardAccessTests(KeyedDashboardFixture fixture) : IClassFixture<KeyedDashboardFixture>
{
    [Fact]
    public async Task it_asks_for_a_key_keeps_it_for_the_session_and_shows_a_reader_what_a_reader_may_do()
    {
        await using var page = await fixture.OpenAsync("/audit");
        var key = page.Page.GetByLabel("Or an API key");
        await Assertions.Expect(key).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("sign-in");
        await page.ScreenshotAsync("sign-in");

        await key.FillAsync("not-a-key");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        await Assertions.Expect(page.Main).ToContainTextAsync("refused");

        await page.Page.GetByLabel("Or an API key").FillAsync(KeyedDashboardFixture.ReaderKey);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#audit-count")).ToContainTextAsync("field changes match");
        await Assertions.Expect(page.Page.Locator(".viewer")).ToContainTextAsync("reader");
        await Assertions.Expect(page.Main).ToContainTextAsync("Exports need the admin role");
        await Assertions.Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" })).ToHaveCountAsync(0);

        // The live feed connects with the key too.
        await page.GotoAsync("/live");
        await Assertions.Expect(page.Page.Locator("#live-status")).ToContainTextAsync("Connected");
        await page.GotoAsync($"/assets?fqn={KnownHistory.Customers}&tab=deletion");
        await Assertions.Expect(page.Main).ToContainTextAsync("Restoring needs the admin role");

        // Kept for this tab's session only: not on disk, not in a cookie, not in another session.
        Assert.Equal(KeyedDashboardFixture.ReaderKey, await page.Page.EvaluateAsync<string>("() => sessionStorage.getItem('historygraph.credential')"));
        Assert.Equal(0, await page.Page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(await page.Page.Context.CookiesAsync());
        await using (var other = await fixture.OpenAsync("/"))
            await Assertions.Expect(other.Page.GetByLabel("Or an API key")).ToBeVisibleAsync();

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Page.GetByLabel("Or an API key")).ToBeVisibleAsync();
        Assert.Null(await page.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('historygraph.credential')"));
        page.AssertClean();
    }

    [Fact]
    public async Task an_admin_exports_exactly_what_the_audit_log_shows()
    {
        await using var page = await fixture.OpenAsync("/audit?user=alice");
        await page.Page.GetByLabel("Or an API key").FillAsync(KeyedDashboardFixture.AdminKey);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        var shown = DashboardPage.ParseNumber(await page.Page.Locator("#audit-count").InnerTextAsync(new() { Timeout = 10_000 }));
        Assert.True(shown > 0);

        foreach (var format in new[] { "csv", "ndjson" })
        {
            var download = await page.Page.RunAndWaitForDownloadAsync(() =>
                page.Page.GetByRole(AriaRole.Button, new() { Name = $"Export {format.ToUpperInvariant()}" }).ClickAsync());
            Assert.Matches($@"^historygraph-field-changes\.{format}$", download.SuggestedFilename);
            var saved = await File.ReadAllTextAsync((await download.PathAsync())!);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/export?format={format}&user=alice");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedDashboardFixture.AdminKey);
            using var response = await fixture.Server.Client.SendAsync(request);
            Assert.Equal(await response.Content.ReadAsStringAsync(), saved);
            var rows = saved.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - (format == "csv" ? 1 : 0);
            Assert.Equal(shown, rows);
        }
        await Assertions.Expect(page.Page.Locator("#export-status")).ToContainTextAsync("Saved historygraph-field-changes");
        await page.ScreenshotAsync("audit-log");
        page.AssertClean();
    }

    [Fact]
    public async Task signing_in_with_the_issuer_reads_with_the_roles_of_the_token()
    {
        await using var page = await fixture.OpenAsync("/people");
        await SignInAsync(page, "erin", "erin-password");

        // Back where they started, signed in as themselves with the admin role.
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex("/people$"));
        await Assertions.Expect(page.Page.Locator(".viewer")).ToContainTextAsync("erin");
        await Assertions.Expect(page.Page.Locator(".viewer")).ToContainTextAsync("admin");
        await Assertions.Expect(page.Main.Locator("table")).ToContainTextAsync("alice");
        await page.GotoAsync("/live");
        await Assertions.Expect(page.Page.Locator("#live-status")).ToContainTextAsync("Connected");
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" })).ToBeVisibleAsync();
        page.AssertClean(fixture.Issuer.Address);
    }

    [Fact]
    public async Task the_live_feed_of_assets_i_own_or_follow_shows_them_and_nothing_else()
    {
        await using var page = await fixture.OpenAsync("/live");
        await SignInAsync(page, "dana", "dana-password");
        await Assertions.Expect(page.Page.Locator(".viewer")).ToContainTextAsync("dana");
        await page.Page.GetByLabel("Assets I own or follow").CheckAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex("[?&]watcher=dana"));
        await Assertions.Expect(page.Page.Locator("#live-status")).ToContainTextAsync("Connected");
        await Assertions.Expect(page.Main).ToContainTextAsync("No change matches these filters yet");

        // Owned by dana, owned by someone else, then followed by dana the way OpenMetadata says
        // it: an update at the same version, without the entity, naming only the new follower.
        var run = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var owned = OmEvent.Created(Guid.NewGuid(), $"shop.sales.public.owned_{run}", timestamp: now) with { Entity = Owned("dana") };
        var other = OmEvent.Created(Guid.NewGuid(), $"shop.sales.public.other_{run}", timestamp: now + 1) with { Entity = Owned("frank") };
        var follow = other with
        {
            Id = Guid.NewGuid().ToString(),
            EventType = "entityUpdated",
            UserName = "dana",
            PreviousVersion = other.CurrentVersion,
            Timestamp = now + 2,
            Entity = null,
            WithChangeDescription = true,
            Changes = [("fieldsAdded", "followers", null, System.Text.Json.Nodes.JsonValue.Create("[{\"id\":\"" + Guid.NewGuid() + "\",\"type\":\"user\",\"name\":\"dana\"}]"))],
        };
        var edit = other.Next(minutesLater: 0) with { Timestamp = now + 3, UserName = "frank" };
        foreach (var e in new[] { owned, other, follow, edit })
        {
            using var response = await fixture.Server.PostAsync(e.ToJson());
            Assert.True(response.IsSuccessStatusCode);
        }

        var rows = page.Page.Locator("table.events tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var shown = await rows.AllInnerTextsAsync();
        Assert.Contains($"other_{run}", shown[0]);
        Assert.Contains("frank", shown[0]);
        Assert.Contains($"other_{run}", shown[1]);
        Assert.Contains("dana", shown[1]);
        Assert.Contains($"owned_{run}", shown[2]);
        Assert.DoesNotContain(shown, row => row.Contains($"other_{run}", StringComparison.Ordinal) && row.Contains("entityCreated", StringComparison.Ordinal));

        // A fresh look asks the store about the assets as they are now: the table dana follows
        // since is listed with its whole history, its creation included.
        await page.Page.ReloadAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        Assert.Contains("entityCreated", (await rows.AllInnerTextsAsync())[2]);
        await page.ScreenshotAsync("live-feed-mine");
        page.AssertClean(fixture.Issuer.Address);
    }

    private static System.Text.Json.Nodes.JsonObject Owned(string owner) => new()
    {
        ["owners"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "user", ["name"] = owner }),
    };

    private async Task SignInAsync(DashboardPage page, string name, string password)
    {
        await page.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Sign in with 127\\.0\\.0\\.1:") }).ClickAsync();
        // The issuer's own page: the dashboard never sees the password.
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex($"^{Regex.Escape(fixture.Issuer.Address.ToString())}connect/authorize"));
        await page.Page.GetByLabel("Name").FillAsync(name);
        await page.Page.GetByLabel("Password").FillAsync(password);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
