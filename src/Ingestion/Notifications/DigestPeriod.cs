namespace HistoryGraph.Ingestion.Notifications;

/// How long a digest's period is: the day or the week that ends when its schedule fires.
public enum DigestPeriod
{
    Daily,
    Weekly,
    /// A period given to the `sendDigest` mutation.
    Custom,
}
