using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Bench.Reconciliation;

/// OpenMetadata as its newest releases answer what the reconciler asks, on 127.0.0.1: the event
/// log (`GET /v1/events` with `timestamp`, `endTs`, `limit` and an `after` cursor), each
/// collection's history endpoint (`GET /v1/<collection>/history` with `startTs`, `endTs`,
/// `limit` and `after`: tables have versions, every other collection none) when WithHistory is
/// set (else 404, as older releases), and `GET /v1/tables/{id}/versions/{v}`. Answers are built
/// from what it keeps in memory; cursors are offsets.
public sealed class OpenMetadataStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(long At, string Json)> _log;
    private readonly List<(long At, string Json)> _versionsByTime;
    private readonly Dictionary<(Guid, decimal), string> _versions;

    public bool WithHistory { get; set; }
    public int Requests => _requests;
    private int _requests;

    public string ApiUrl { get; }

    public OpenMetadataStandIn(IEnumerable<(long At, string Json)> log, IEnumerable<(Guid Id, decimal Version, long At, string Json)> versions)
    {
        _log = log.OrderBy(e => e.At).ToList();
        var kept = versions.ToList();
        _versions = kept.ToDictionary(v => (v.Id, v.Version), v => v.Json);
        _versionsByTime = kept.Select(v => (v.At, v.Json)).OrderByDescending(v => v.At).ToList();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.Run(AnswerAsync);
        ApiUrl = $"http://127.0.0.1:{port}/api";
    }

    public Task StartAsync() => _app.StartAsync();

    private async Task AnswerAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        var path = http.Request.Path.Value ?? "";
        var query = http.Request.Query;
        if (path == "/api/v1/events")
        {
            var from = long.Parse(query["timestamp"]!, CultureInfo.InvariantCulture);
            var to = query.ContainsKey("endTs") ? long.Parse(query["endTs"]!, CultureInfo.InvariantCulture) : long.MaxValue;
            await PageAsync(http, _log.Where(e => e.At >= from && e.At <= to).Select(e => e.Json), query);
            return;
        }
        if (path.EndsWith("/history", StringComparison.Ordinal))
        {
            if (!WithHistory)
            {
                http.Response.StatusCode = 404;
                await http.Response.WriteAsync("""{"code":404,"message":"Not found"}""");
                return;
            }
            var (start, end) = (long.Parse(query["startTs"]!, CultureInfo.InvariantCulture), long.Parse(query["endTs"]!, CultureInfo.InvariantCulture));
            var versions = path == "/api/v1/tables/history" ? _versionsByTime.Where(v => v.At >= start && v.At <= end).Select(v => v.Json) : [];
            await PageAsync(http, versions, query);
            return;
        }
        var parts = path.Split('/');
        if (parts.Length == 7 && parts[5] == "versions" && Guid.TryParse(parts[4], out var id)
            && decimal.TryParse(parts[6], NumberStyles.Number, CultureInfo.InvariantCulture, out var version) && _versions.TryGetValue((id, version), out var entity))
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(entity);
            return;
        }
        http.Response.StatusCode = 404;
        await http.Response.WriteAsync("""{"code":404,"message":"Not found"}""");
    }

    private static async Task PageAsync(HttpContext http, IEnumerable<string> items, IQueryCollection query)
    {
        var all = items.ToList();
        var offset = query.ContainsKey("after") ? int.Parse(query["after"]!, CultureInfo.InvariantCulture) : 0;
        var size = query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : 10;
        var page = all.Skip(offset).Take(size).ToList();
        var body = new StringBuilder("{\"data\":[").AppendJoin(',', page).Append("],\"paging\":{\"total\":").Append(all.Count);
        if (offset + page.Count < all.Count)
            body.Append(",\"after\":\"").Append(offset + page.Count).Append('"');
        body.Append("}}");
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToString());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
