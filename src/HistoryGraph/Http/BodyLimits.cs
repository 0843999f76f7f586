using Microsoft.Extensions.Options;

namespace HistoryGraph.Http;

/// How many large request bodies (webhook deliveries, GraphQL documents) are held in memory at
/// once, and how long a body may take to arrive. Without them a few hundred clients uploading
/// large bodies, quickly or slowly, would hold gigabytes, or every slot.
internal sealed class BodyLimits(IOptions<BodyOptions> options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentLargeBodies));

    /// Bodies of at least this many bytes (or of unknown length) need a slot.
    public long LargeBodyBytes { get; } = options.Value.LargeBodyBytes;

    public TimeSpan ReadTimeout { get; } = TimeSpan.FromSeconds(options.Value.BodyReadTimeoutSeconds);

    /// Waits for a slot until the token fires (the read timeout): false when none came free.
    public async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _slots.WaitAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Leave() => _slots.Release();
}
