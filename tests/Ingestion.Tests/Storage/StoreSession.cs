using System.Text;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Ingestion.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Ingestion.Tests.Storage;

/// A running HistoryWriter on a store, as one server instance has it.
internal sealed class StoreSession : IAsyncDisposable
{
    public StoreSession(IDbContextFactory<HistoryDbContext> contexts, IngestionOptions? options = null, PayloadCodec? codec = null)
    {
        Contexts = contexts;
        var readiness = new StoreReadiness();
        readiness.MarkReady();
        Codec = codec ?? new PayloadCodec();
        Writer = new HistoryWriter(contexts, readiness, new CommitSignal(), Codec, new HistoryMetrics(Meters), Options.Create(options ?? new IngestionOptions { BotUsers = ["etl-service"] }), NullLogger<HistoryWriter>.Instance);
        Writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public IDbContextFactory<HistoryDbContext> Contexts { get; }
    public HistoryWriter Writer { get; }
    public PayloadCodec Codec { get; }

    public Task<DeliveryOutcome> DeliverAsync(string body) => DeliverAsync(Encoding.UTF8.GetBytes(body));

    public Task<DeliveryOutcome> DeliverAsync(byte[] body) =>
        Writer.WriteAsync(IncomingDelivery.From(DeliveryParser.Parse(body, Codec), body, DateTime.UtcNow), CancellationToken.None);

    public HistoryDbContext Db() => Contexts.CreateDbContext();

    public async ValueTask DisposeAsync() => await Writer.StopAsync(CancellationToken.None);
}
