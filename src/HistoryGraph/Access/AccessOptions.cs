namespace HistoryGraph.Access;

/// Who may read, write and send (section "Auth"), and the keys configured outside the store.
public sealed class AccessOptions
{
    public const string Section = "Auth";

    /// Reads (queries, subscriptions, `/events`, the IDE) without a key. Off by default outside
    /// Development: a history is an audit record.
    public bool AllowAnonymousReads { get; set; }

    /// Issuers whose tokens are accepted (`Auth:Issuers:0:Authority`, ...).
    public List<TokenIssuerOptions> Issuers { get; set; } = [];

    /// Keys of the admin role given in configuration (`Admin:ApiKeys`), beside the stored ones.
    public List<string> AdminKeys { get; set; } = [];

    /// Keys of the reader role given in configuration (`Streaming:ApiKeys`, formerly
    /// `Subscriptions:ApiKeys`, which guarded live connections only before roles existed).
    public List<string> ReaderKeys { get; set; } = [];

    /// Reads the configured keys from their sections: a list under "Streaming" replaces the
    /// one under the former "Subscriptions".
    public static void Bind(IConfiguration configuration, AccessOptions options)
    {
        configuration.GetSection(Section).Bind(options);
        options.AdminKeys = Keys(configuration.GetSection("Admin:ApiKeys"));
        var streaming = configuration.GetSection("Streaming:ApiKeys");
        options.ReaderKeys = Keys(streaming.Exists() ? streaming : configuration.GetSection("Subscriptions:ApiKeys"));
    }

    private static List<string> Keys(IConfigurationSection section) =>
        [.. section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0)];
}
