namespace HistoryGraph.Webhooks;

/// The 200 answer to a delivery: how many events it held, how many were new.
public sealed record WebhookReceipt(string Status, int Events, int Stored, int Duplicates, IReadOnlyList<long> Sequences);
