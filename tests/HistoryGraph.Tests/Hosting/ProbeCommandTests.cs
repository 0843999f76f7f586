using HistoryGraph.Hosting;

namespace HistoryGraph.Tests.Hosting;

/// `HistoryGraph probe`, the container's health check: 0 when the probe answers 2xx, 1 when it
/// does not or nothing listens.
public class ProbeCommandTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task probe_exits_0_for_a_live_ready_server_and_1_when_nothing_answers()
    {
        var port = fixture.Server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, await MaintenanceCommands.RunAsync(["probe", "--path=/health/live", $"--port={port}"]));
        Assert.Equal(0, await MaintenanceCommands.RunAsync(["probe", "--path=/health/ready", $"--port={port}"]));
        Assert.Equal(1, await MaintenanceCommands.RunAsync(["probe", "--path=/no-such-probe", $"--port={port}"]));
        using var unused = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        unused.Start();
        var closed = ((System.Net.IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();
        Assert.Equal(1, await MaintenanceCommands.RunAsync(["probe", $"--port={closed}"]));
    }
}
