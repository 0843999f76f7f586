using HistoryGraph.Transport.Streaming;

namespace HistoryGraph.Tests.Transport.Streaming;

/// Control messages (pongs, acks) are never refused, but they count against the send buffer
/// like results do: nobody reading them means a stall, however the bytes got there.
public class SendBufferTests
{
    [Fact]
    public async Task control_messages_over_the_limit_stall_the_connection_when_nobody_reads()
    {
        var buffer = new SendBuffer(limitBytes: 1000, stallTimeout: TimeSpan.FromMilliseconds(200));
        var stalled = new TaskCompletionSource();
        buffer.Stalled += () => stalled.TrySetResult();
        buffer.Enqueue(new byte[600]);
        buffer.Enqueue(new byte[600]); // over the limit, under twice it: the stall rule's timer runs
        Assert.False(buffer.IsStalled);
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(buffer.IsStalled);
    }

    [Fact]
    public void control_messages_over_twice_the_limit_stall_at_once()
    {
        var buffer = new SendBuffer(limitBytes: 1000, stallTimeout: TimeSpan.FromMinutes(5));
        var stalls = 0;
        buffer.Stalled += () => stalls++;
        for (var i = 0; i < 5; i++)
            buffer.Enqueue(new byte[600]);
        Assert.True(buffer.IsStalled);
        Assert.Equal(1, stalls);
    }

    [Fact]
    public async Task a_reader_that_keeps_up_is_never_stalled()
    {
        var buffer = new SendBuffer(limitBytes: 1000, stallTimeout: TimeSpan.FromMilliseconds(200));
        for (var i = 0; i < 50; i++)
        {
            buffer.Enqueue(new byte[900]);
            buffer.Enqueue(new byte[900]);
            Assert.True(buffer.Messages.TryRead(out var first));
            buffer.Sent(first);
            Assert.True(buffer.Messages.TryRead(out var second));
            buffer.Sent(second);
        }
        await Task.Delay(400);
        Assert.False(buffer.IsStalled);
    }

    [Fact]
    public async Task a_slow_reader_that_keeps_the_buffer_full_but_reads_is_not_stalled()
    {
        var buffer = new SendBuffer(limitBytes: 1000, stallTimeout: TimeSpan.FromSeconds(1));
        for (var i = 0; i < 3; i++)
            buffer.Enqueue(new byte[400]); // 1,200 bytes: over the limit from here on
        // For at least one and a half stall timeouts one message arrives and another leaves every 50 ms: the buffer
        // never has room (1,200 to 1,600 bytes), but the client reads.
        for (var i = 0; i < 30; i++)
        {
            await Task.Delay(50);
            buffer.Enqueue(new byte[400]);
            Assert.True(buffer.Messages.TryRead(out var sent));
            buffer.Sent(sent);
        }
        Assert.False(buffer.IsStalled);
    }
}
