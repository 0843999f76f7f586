using HistoryGraph.Transport.Streaming;
using Microsoft.Extensions.Configuration;

namespace HistoryGraph.Tests.Transport.Streaming;

/// Live connection settings have their own section, Streaming; the settings they had under
/// Subscriptions keep working, and the new section wins where both name one.
public class StreamingOptionsTests
{
    private static StreamingOptions Bound(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var options = new StreamingOptions();
        StreamingOptions.Bind(configuration, options);
        return options;
    }

    [Fact]
    public void Keys_under_the_former_section_still_count()
    {
        var options = Bound(("Subscriptions:MaxConnections", "7"), ("Subscriptions:KeepAliveSeconds", "2"));
        Assert.Equal(7, options.MaxConnections);
        Assert.Equal(2, options.KeepAliveSeconds);
    }

    [Fact]
    public void The_streaming_section_wins()
    {
        var options = Bound(("Subscriptions:MaxConnections", "7"), ("Subscriptions:StallTimeoutSeconds", "4"), ("Streaming:MaxConnections", "9"));
        Assert.Equal(9, options.MaxConnections);
        Assert.Equal(4, options.StallTimeoutSeconds);
    }

    [Fact]
    public void Nothing_set_leaves_the_defaults()
    {
        var options = Bound();
        Assert.Equal(new StreamingOptions().MaxConnections, options.MaxConnections);
    }
}
