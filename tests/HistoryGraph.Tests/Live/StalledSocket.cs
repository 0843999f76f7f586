using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace HistoryGraph.Tests.Live;

/// A graphql-transport-ws client that subscribes and then stops reading, written on a raw
/// socket with a tiny receive buffer so that the TCP window closes quickly, as it does for a
/// frozen browser tab or a consumer stuck on something else.
public sealed class StalledSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private StalledSocket(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<StalledSocket> SubscribeAsync(HistoryGraphServer server, string query)
    {
        var client = await ConnectAsync(server);
        await client.SendTextAsync(System.Text.Json.JsonSerializer.Serialize(new { id = "stalled", type = "subscribe", payload = new { query } }));
        return client;
    }

    /// Upgraded and initialised (connection_init sent), never reading.
    public static async Task<StalledSocket> ConnectAsync(HistoryGraphServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(server.Address.Host, server.Address.Port);
        var client = new StalledSocket(socket);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await client._stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /graphql HTTP/1.1\r\nHost: {server.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"));
        var headers = await client.ReadHeadersAsync();
        if (!headers.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            throw new InvalidOperationException($"The upgrade was refused: {headers}");
        await client.SendTextAsync("""{"type":"connection_init"}""");
        return client;
    }

    public async Task<string> PeekAsync()
    {
        var buffer = new byte[2048];
        var read = await _stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// Starts reading again: returns the close code the server sent, or null when the server
    /// dropped the connection without one.
    public async Task<int?> ReadUntilClosedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, cancel.Token)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // reset by the server
        }
        return FindCloseCode(received.ToArray());
    }

    private static int? FindCloseCode(byte[] data)
    {
        var position = 0;
        while (position + 2 <= data.Length)
        {
            var opcode = data[position] & 0x0F;
            long length = data[position + 1] & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (position + 4 > data.Length) return null;
                length = (data[position + 2] << 8) | data[position + 3];
                header = 4;
            }
            else if (length == 127)
            {
                if (position + 10 > data.Length) return null;
                length = 0;
                for (var i = 0; i < 8; i++)
                    length = (length << 8) | data[position + 2 + i];
                header = 10;
            }
            if (opcode == 0x8 && length >= 2 && position + header + 2 <= data.Length)
                return (data[position + header] << 8) | data[position + header + 1];
            position += header + (int)length;
        }
        return null;
    }

    private async Task<string> ReadHeadersAsync()
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await _stream.ReadAsync(one) == 1)
            text.Append((char)one[0]);
        return text.ToString();
    }

    // Client frames are masked (RFC 6455 5.3).
    public async Task SendTextAsync(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new List<byte>(payload.Length + 14) { 0x81 };
        if (payload.Length < 126)
            frame.Add((byte)(0x80 | payload.Length));
        else if (payload.Length <= ushort.MaxValue)
            frame.AddRange([0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length]);
        else
            frame.AddRange([0x80 | 127, 0, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length]);
        var mask = RandomNumberGenerator.GetBytes(4);
        frame.AddRange(mask);
        frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
        await _stream.WriteAsync(frame.ToArray());
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
