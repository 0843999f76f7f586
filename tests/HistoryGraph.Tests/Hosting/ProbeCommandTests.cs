using HistoryGraph.Hosting;

namespace HistoryGraph.Tests.Hosting;

/// `HistoryGraph probe`, the container's health check: 0 when the probe answers 2xx, 1 when it
/// does not or nothing listens.
public class ProbeCommandTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task probe_exits_0_for_a_live_ready_server_and_1_when_nothing_answers()
    {
        // The fixture's store is migrated in the background: ready once /health says so.
        await PostgresServerFixture.WaitHealthyAsync(fixture.Server);
        var port = fixture.Server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, await MaintenanceCommands.RunAsync(["probe", "--path=/health/live", $"--port={port}"]));
        Assert.Equal(0, await MaintenanceCommands.RunAsync(["probe", "--path=/health/ready", $"--port={port}"]));
        Assert.Equal(1, await MaintenanceCommands.RunAsync(["probe", "--path=/no-such-probe", $"--port={port}"]));
        // A port held but not listening: connections are refused, and no other test's server
        // can be given it meanwhile.
        using var held = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        held.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var closed = ((System.Net.IPEndPoint)held.LocalEndPoint!).Port;
        Assert.Equal(1, await MaintenanceCommands.RunAsync(["probe", $"--port={closed}"]));
    }
}
