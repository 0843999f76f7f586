using System.Diagnostics;

namespace HistoryGraph.TestSupport;

/// Counts the SQL commands sent to one database (by name) through Npgsql, whoever sends them
/// (EF Core or the compiled reads), from Npgsql's own activities: the server runs in this
/// process, other tests' databases are told apart by name. Npgsql creates an activity only
/// while something listens, so StartAsync gives the listener a moment to be seen.
public sealed class SqlCommandCounter : IDisposable
{
    private readonly string _database;
    private readonly ActivityListener _listener;
    private readonly List<string> _commands = [];

    private SqlCommandCounter(string database)
    {
        _database = database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public static async Task<SqlCommandCounter> StartAsync(string database)
    {
        var counter = new SqlCommandCounter(database);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return counter;
    }

    public void Reset()
    {
        lock (_commands)
            _commands.Clear();
    }

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
                return _commands.ToList();
        }
    }

    private void Stopped(Activity activity)
    {
        var database = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
        var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string;
        if (text is null || !Equals(database, _database))
            return;
        lock (_commands)
            _commands.Add(text);
    }

    public void Dispose() => _listener.Dispose();
}
