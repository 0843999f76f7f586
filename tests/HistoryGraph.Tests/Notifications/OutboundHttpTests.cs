using System.Net;
using System.Text;
using HistoryGraph.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Notifications;

/// The HTTP stack notifications leave by: private, loopback, link-local and metadata addresses
/// refused unless allowed, whether given as an address or as a name resolving to one, checked on
/// the connection itself and on every redirect; redirects bounded, credentials kept to their origin.
public sealed class OutboundHttpTests : IAsyncLifetime
{
    private WebApplication _receiver = null!;
    private WebApplication _other = null!;
    private readonly List<(string Path, string Method, string? Authorization, string Body)> _received = [];

    public async Task InitializeAsync()
    {
        _receiver = await StartAsync(app =>
        {
            app.MapPost("/hook", async (HttpContext c) => await RecordAsync(c, "ok"));
            app.MapGet("/hook", async (HttpContext c) => await RecordAsync(c, "ok"));
            app.MapPost("/temporary", (HttpContext c) => Results.Redirect("/hook", permanent: false, preserveMethod: true));
            app.MapPost("/found", (HttpContext c) => Results.Redirect("/hook"));
            app.MapPost("/loop", (HttpContext c) => Results.Redirect("/loop", permanent: false, preserveMethod: true));
            app.MapPost("/to-file", (HttpContext c) => Results.Redirect("file:///etc/passwd"));
            app.MapPost("/elsewhere", (HttpContext c) => Results.Redirect(_other!.Urls.Single() + "/hook", permanent: false, preserveMethod: true));
        });
        _other = await StartAsync(app => app.MapPost("/hook", async (HttpContext c) => await RecordAsync(c, "other")));
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _other.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context, string answer)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        lock (_received)
            _received.Add((context.Request.Path, context.Request.Method, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body));
        await context.Response.WriteAsync(answer);
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(bool allowPrivate, int maxRedirects = 3)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:AllowPrivateNetworks"] = allowPrivate.ToString(),
            ["Notifications:MaxRedirects"] = maxRedirects.ToString(),
        }).Build();
        var services = new ServiceCollection().AddOutboundHttp(configuration).BuildServiceProvider();
        return services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttp.ClientName);
    }

    private string Url(string path) => _receiver.Urls.Single() + path;

    private static HttpRequestMessage Post(string url, string body = """{"event_type":"entityUpdated"}""")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", "receiver-token");
        return request;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:0a00:0001::1")]
    public void private_loopback_link_local_and_metadata_addresses_are_private(string address) =>
        Assert.True(PrivateAddresses.IsPrivate(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("52.94.76.10")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void public_addresses_are_not(string address) =>
        Assert.False(PrivateAddresses.IsPrivate(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("ftp://hooks.example.com/x", "http or https")]
    [InlineData("hooks.slack.com/services/x", "http or https")]
    [InlineData("https://user:secret@hooks.example.com/x", "password")]
    [InlineData("http://10.0.0.7/hook", "private")]
    [InlineData("http://[::1]:8080/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "private")]
    [InlineData("http://localhost:9000/hook", "private")]
    public void a_url_that_cannot_be_a_destination_says_why(string url, string reason) =>
        Assert.Contains(reason, OutboundHttp.Problem(url, allowPrivateNetworks: false));

    [Fact]
    public void a_public_https_url_is_a_destination_and_private_ones_are_when_allowed()
    {
        Assert.Null(OutboundHttp.Problem("https://hooks.slack.com/services/T0/B0/x", allowPrivateNetworks: false));
        Assert.Null(OutboundHttp.Problem("http://10.0.0.7/hook", allowPrivateNetworks: true));
    }

    [Fact]
    public async Task a_private_address_is_refused_on_the_connection_whether_given_as_an_address_or_a_name()
    {
        using var client = Client(allowPrivate: false);
        var port = new Uri(Url("/")).Port;

        foreach (var url in new[] { Url("/hook"), $"http://localhost:{port}/hook", $"http://[::ffff:127.0.0.1]:{port}/hook" })
        {
            var refused = await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => client.SendAsync(Post(url)));
            Assert.Contains("AllowPrivateNetworks", refused.Message);
        }
        Assert.Empty(_received);
    }

    [Fact]
    public async Task with_private_networks_allowed_a_local_receiver_gets_the_request()
    {
        using var client = Client(allowPrivate: true);
        using var response = await client.SendAsync(Post(Url("/hook")));
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Single(_received);
    }

    [Fact]
    public async Task redirects_are_followed_as_browsers_do_bounded_and_checked()
    {
        using var client = Client(allowPrivate: true, maxRedirects: 3);

        using (var kept = await client.SendAsync(Post(Url("/temporary"), "body-307")))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        using (var changed = await client.SendAsync(Post(Url("/found"), "body-302")))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using (var moved = await client.SendAsync(Post(Url("/elsewhere"), "body-other")))
            Assert.Equal("other", await moved.Content.ReadAsStringAsync());

        Assert.Equal(("POST", "body-307", "Bearer receiver-token"), (_received[0].Method, _received[0].Body, _received[0].Authorization));
        Assert.Equal(("GET", ""), (_received[1].Method, _received[1].Body));
        Assert.Equal(("POST", "body-other", (string?)null), (_received[2].Method, _received[2].Body, _received[2].Authorization));
        Assert.Contains("redirects", (await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => client.SendAsync(Post(Url("/loop"))))).Message);
        Assert.Contains("http or https", (await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => client.SendAsync(Post(Url("/to-file"))))).Message);
    }
}
