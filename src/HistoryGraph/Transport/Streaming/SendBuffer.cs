using System.Threading.Channels;

namespace HistoryGraph.Transport.Streaming;

/// The messages waiting to be sent on one connection, bounded in bytes. Control messages
/// (acks, pongs, completions) are always queued; subscriptions wait for room before producing.
/// When the buffer stays full for the stall timeout, the client is not reading: Stalled fires
/// once and the connection is closed. Control messages count like any other: a client that
/// makes the server queue them (pings whose pongs it never reads) meets the same rule, and
/// one that fills twice the limit with them is cut off at once.
public sealed class SendBuffer(int limitBytes, TimeSpan stallTimeout)
{
    // Synchronous continuations: a message queued while the connection's send loop waits for
    // one is written to the socket by the thread that queued it (the live feed's fan-out pass,
    // typically), instead of waking the loop on another thread: one thread-pool hop less per
    // message, which adds up when one event goes to thousands of connections. The loop goes
    // back to waiting at its first send that does not complete at once, so a slow socket never
    // holds the producer; while the loop is busy, messages just queue. No caller queues while
    // holding a lock.
    private readonly Channel<byte[]> _messages = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private long _bytes;
    private int _stalled;
    private int _watching;
    private long _sentMessages;
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChannelReader<byte[]> Messages => _messages.Reader;

    public bool IsStalled => Volatile.Read(ref _stalled) == 1;

    /// Below the limit and not stalled: a message can be produced without waiting.
    public bool HasRoom => Volatile.Read(ref _bytes) < limitBytes && !IsStalled;

    public event Action? Stalled;

    public void Enqueue(byte[] message)
    {
        var queued = Interlocked.Add(ref _bytes, message.Length);
        if (!_messages.Writer.TryWrite(message))
        {
            Interlocked.Add(ref _bytes, -message.Length); // closing: nothing more is sent
            return;
        }
        if (queued > 2L * limitBytes)
            MarkStalled();
        else if (queued >= limitBytes && Interlocked.CompareExchange(ref _watching, 1, 0) == 0)
            _ = WatchAsync();
    }

    // Nobody may be waiting for room (no subscription is producing): the stall rule is applied
    // all the same, by waiting as a subscription would.
    private async Task WatchAsync()
    {
        try
        {
            await WaitForRoomAsync(CancellationToken.None);
        }
        finally
        {
            Volatile.Write(ref _watching, 0);
        }
    }

    /// The sender wrote the message to the network.
    public void Sent(byte[] message)
    {
        // Waiters wait only while the buffer is full: wake them when it stops being full, not
        // on every message sent (which would cost an allocation per message per connection).
        Interlocked.Increment(ref _sentMessages);
        var left = Interlocked.Add(ref _bytes, -message.Length);
        if (left < limitBytes && left + message.Length >= limitBytes)
            Interlocked.Exchange(ref _room, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// True once there is room; false when the client stalled: the buffer stayed full and not
    /// one message of it was sent for the stall timeout. A client that reads, however slowly,
    /// is not stalled, even while others keep its buffer full.
    public async ValueTask<bool> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _bytes) < limitBytes)
            return !IsStalled;
        var deadline = DateTime.UtcNow + stallTimeout;
        var sent = Volatile.Read(ref _sentMessages);
        while (!IsStalled)
        {
            var room = Volatile.Read(ref _room).Task;
            if (Volatile.Read(ref _bytes) < limitBytes)
                return true;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                if (Volatile.Read(ref _sentMessages) == sent)
                    break;
                (sent, deadline) = (Volatile.Read(ref _sentMessages), DateTime.UtcNow + stallTimeout);
                continue;
            }
            try
            {
                await room.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
        MarkStalled();
        return false;
    }

    private void MarkStalled()
    {
        if (Interlocked.Exchange(ref _stalled, 1) == 0)
            Stalled?.Invoke();
    }

    public void Complete() => _messages.Writer.TryComplete();
}
