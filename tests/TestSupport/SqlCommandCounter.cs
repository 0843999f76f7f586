using System.Diagnostics;

namespace HistoryGraph.TestSupport;

/// Counts the SQL commands sent to one database (by name) through Npgsql, whoever sends them
/// (EF Core or the compiled reads), from Npgsql's own activities: the server runs in this
/// process, other tests' databases are told apart by name. Npgsql creates an activity only
/// while something listens, so StartAsync gives the listener a moment to be seen.
/// InRequests keeps those sent while answering an HTTP request (their trace starts at ASP.NET
/// Core's request), apart from the server's background work (checkpoints, notifications).
public sealed class SqlCommandCounter : IDisposable
{
    private readonly string _database;
    private readonly ActivityListener _listener;
    private readonly List<string> _commands = [];
    private readonly List<string> _inRequests = [];

    private SqlCommandCounter(string database)
    {
        _database = database;
        _listener = new ActivityListener
        {
            // ASP.NET Core's too: it makes a request's activity only while someone listens.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
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
        {
            _commands.Clear();
            _inRequests.Clear();
        }
    }

    public IReadOnlyList<string> InRequests
    {
        get
        {
            lock (_commands)
                return _inRequests.ToList();
        }
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
        if (activity.Source.Name != "Npgsql" || text is null || !Equals(database, _database))
            return;
        var root = activity;
        while (root.Parent is { } parent)
            root = parent;
        lock (_commands)
        {
            _commands.Add(text);
            if (root.Source.Name == "Microsoft.AspNetCore")
                _inRequests.Add(text);
        }
    }

    public void Dispose() => _listener.Dispose();
}
