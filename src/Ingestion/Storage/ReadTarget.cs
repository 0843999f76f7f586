namespace HistoryGraph.Ingestion.Storage;

/// Where queries, exports and statistics read (Storage:ReadFrom).
public enum ReadTarget
{
    /// Everything on the primary (the only choice with one host).
    Primary,

    /// On a standby when the connection string names several hosts and one is up (Npgsql's
    /// Target Session Attributes=prefer-standby), else on the primary. Writes, the live feed,
    /// notifications and anything that must see its own writes stay on the primary.
    PreferStandby,
}
