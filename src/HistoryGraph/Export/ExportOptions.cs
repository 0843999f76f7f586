namespace HistoryGraph.Export;

public sealed class ExportOptions
{
    public const string Section = "Export";

    /// Export pages read from the store at once, by all exports of this instance together. A
    /// crowd of exports starting together would otherwise run a hundred page queries at once,
    /// and a webhook committed meanwhile waited seconds for the CPU (measured: 6.9 s with 100
    /// exports started together on 2 cores); beyond this they wait their turn, each page apart.
    public int ConcurrentQueries { get; set; } = 2;
}
