namespace HistoryGraph.Tests.OpenMetadata;

/// A server on a fresh PostgreSQL database with a fake OpenMetadata of its own, configured by T.
public sealed class PostgresOpenMetadataFixture<T> : PostgresServerFixture where T : IOpenMetadataSettings
{
    public FakeOpenMetadata OpenMetadata { get; } = FakeOpenMetadata.Start();

    protected override string[] Settings => T.Settings(OpenMetadata);

    public override async Task DisposeAsync() => await Task.WhenAll(base.DisposeAsync(), OpenMetadata.DisposeAsync().AsTask());
}
