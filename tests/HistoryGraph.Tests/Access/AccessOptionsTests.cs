using HistoryGraph.Access;
using Microsoft.Extensions.Configuration;

namespace HistoryGraph.Tests.Access;

/// The keys configured before roles existed keep working as keys of their role: Admin:ApiKeys
/// as admin keys, Streaming:ApiKeys (formerly Subscriptions:ApiKeys) as reader keys.
public class AccessOptionsTests
{
    private static AccessOptions Bound(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var options = new AccessOptions();
        AccessOptions.Bind(configuration, options);
        return options;
    }

    [Fact]
    public void Admin_keys_and_the_former_subscription_keys_are_read()
    {
        var options = Bound(("Admin:ApiKeys:0", "admin-one"), ("Subscriptions:ApiKeys:0", "old"), ("Auth:AllowAnonymousReads", "true"));
        Assert.Equal(["admin-one"], options.AdminKeys);
        Assert.Equal(["old"], options.ReaderKeys);
        Assert.True(options.AllowAnonymousReads);
    }

    [Fact]
    public void The_streaming_key_list_replaces_the_former_one()
    {
        var options = Bound(("Subscriptions:ApiKeys:0", "old"), ("Streaming:ApiKeys:0", "new-one"), ("Streaming:ApiKeys:1", "new-two"));
        Assert.Equal(["new-one", "new-two"], options.ReaderKeys);
    }

    [Fact]
    public void Nothing_set_means_no_keys_and_no_anonymous_reads()
    {
        var options = Bound();
        Assert.Empty(options.AdminKeys);
        Assert.Empty(options.ReaderKeys);
        Assert.False(options.AllowAnonymousReads);
    }
}
