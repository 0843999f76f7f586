using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZstdSharp;

namespace HistoryGraph.Ingestion.Payloads;

/// Keeps the payload codec packing with a dictionary that fits the store's events: takes up
/// the store's newest one at start, trains the first once enough events have arrived, and a
/// new one when events pack markedly worse than the current one did on its samples. Several
/// instances may each train one; every payload names its own, so any of them reads them all.
public sealed class PayloadDictionaryTrainer(
    PayloadCodec codec,
    IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness,
    IOptions<PayloadOptions> options,
    ILogger<PayloadDictionaryTrainer> logger) : BackgroundService
{
    // Training reads every sample into memory; a few MB of JSON is plenty for 32 KB.
    private const long MaxSampleBytes = 32L * 1024 * 1024;
    private PackingTally _sinceLook;
    private long _packedWithCurrent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TrainDictionaries)
            return;
        var delay = TimeSpan.FromSeconds(settings.CheckIntervalSeconds);
        var adopted = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
                if (!adopted)
                {
                    await AdoptNewestAsync(stoppingToken);
                    adopted = true;
                }
                await LookAsync(settings, stoppingToken);
            }
            catch (Exception ex) when (StorageFailure.IsUnavailable(ex) && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Payload dictionaries: the history database is unreachable ({Error}); trying again later", ex.GetBaseException().Message);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A dictionary only saves space: whatever fails here must not stop the server,
                // which goes on packing with the dictionary it has (or Brotli).
                logger.LogError(ex, "Payload dictionaries: training or loading failed; trying again later");
            }
            await Task.Delay(delay, stoppingToken);
        }
    }

    /// The dictionary in use, taking up the store's newest or training one on the newest
    /// events when there is none yet; null when dictionaries are switched off or none could
    /// be trained (too few events).
    public async Task<PayloadDictionary?> EnsureDictionaryAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.TrainDictionaries)
            return null;
        if (codec.Current is null && !await AdoptNewestAsync(cancellationToken))
            await TrainAsync(options.Value, default, cancellationToken);
        return codec.Current;
    }

    private async Task LookAsync(PayloadOptions settings, CancellationToken cancellationToken)
    {
        // Too few events to judge by: keep counting towards the next look.
        _sinceLook += codec.TakeTally();
        if (_sinceLook.Events < settings.TrainAfterEvents)
            return;
        var tally = _sinceLook;
        _sinceLook = default;
        if (codec.Current is { } current)
        {
            _packedWithCurrent += tally.Events;
            if (_packedWithCurrent < settings.RetrainAfterEvents || tally.Ratio <= current.Ratio * settings.RetrainWhenLarger)
                return;
        }
        // Another instance may have trained one for the same events already.
        if (await AdoptNewestAsync(cancellationToken))
            return;
        await TrainAsync(settings, tally, cancellationToken);
    }

    /// Takes up the store's newest dictionary if it is newer than the one in use.
    private async Task<bool> AdoptNewestAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await db.PayloadDictionaries.AsNoTracking()
            .OrderByDescending(d => d.TrainedAt).Select(d => new { d.Key, d.TrainedAt }).FirstOrDefaultAsync(cancellationToken);
        if (newest is null || newest.Key == codec.Current?.Key || newest.TrainedAt <= (codec.Current?.TrainedAt ?? DateTime.MinValue))
            return false;
        var dictionary = await db.PayloadDictionaries.AsNoTracking().SingleAsync(d => d.Key == newest.Key, cancellationToken);
        codec.Use(dictionary);
        (_sinceLook, _packedWithCurrent) = (default, 0);
        logger.LogInformation("Packing event payloads with the store's dictionary {Key:x16} ({Ratio:P1} of their JSON on its test events)", dictionary.Key, dictionary.Ratio);
        return true;
    }

    private async Task TrainAsync(PayloadOptions settings, PackingTally tally, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payloads = await db.ChangeEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence).Take(settings.SampleEvents).Select(e => e.Payload)
            .ToListAsync(cancellationToken);
        var samples = new List<byte[]>(payloads.Count);
        long sampleBytes = 0;
        foreach (var payload in payloads)
        {
            var json = codec.Unpack(payload);
            if ((sampleBytes += json.Length) > MaxSampleBytes)
                break;
            samples.Add(json);
        }

        PayloadDictionary dictionary;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            dictionary = await Task.Run(() => PayloadCodec.Train(samples, settings.DictionaryBytes, DateTime.UtcNow), cancellationToken);
        }
        catch (ZstdException ex)
        {
            logger.LogInformation("No payload dictionary could be trained on the newest {Events} events ({Error}); trying again after {Next} more", samples.Count, ex.Message, settings.TrainAfterEvents);
            return;
        }
        // Worth a dictionary only if it clearly beats packing each event on its own.
        if (dictionary.TestPackedBytes > dictionary.TestBrotliBytes * 0.9)
        {
            logger.LogInformation("A payload dictionary trained on {Events} events packs others to {Ratio:P1}, Brotli alone to {Brotli:P1}: not taken up", dictionary.TrainedOnEvents, dictionary.Ratio, dictionary.BrotliRatio);
            return;
        }

        db.PayloadDictionaries.Add(dictionary);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same samples may have given another instance the same dictionary: then the
            // stored one is this one. Anything else is a real failure.
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await check.PayloadDictionaries.AnyAsync(d => d.Key == dictionary.Key, cancellationToken))
                throw;
        }
        codec.Use(dictionary);
        (_sinceLook, _packedWithCurrent) = (default, 0);
        logger.LogInformation(
            "Trained payload dictionary {Key:x16} on {Events} of the newest events in {Milliseconds:0} ms: it packs the {Test} kept out to {Ratio:P1} of their JSON (Brotli alone {Brotli:P1}; the last {Packed} events packed to {Before:P1})",
            dictionary.Key, dictionary.TrainedOnEvents, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, dictionary.TestEvents, dictionary.Ratio, dictionary.BrotliRatio, tally.Events, tally.Ratio);
    }
}
