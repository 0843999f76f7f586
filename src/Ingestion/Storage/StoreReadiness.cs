namespace HistoryGraph.Ingestion.Storage;

/// Completed once the schema is migrated; writers wait for it rather than fail on missing tables.
public sealed class StoreReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public void MarkReady() => _ready.TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new StoreUnavailableException("The history database is not ready yet (it cannot be reached or is being migrated).");
        }
    }
}
