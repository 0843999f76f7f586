namespace HistoryGraph.Tests.OpenMetadata;

/// A test class whose server talks to a fake OpenMetadata: the settings it starts the server with.
public interface IOpenMetadataSettings
{
    static abstract string[] Settings(FakeOpenMetadata openMetadata);
}
