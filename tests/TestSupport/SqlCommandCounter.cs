using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HistoryGraph.TestSupport;

/// Counts the SQL commands EF Core executes against one database (by name), through EF Core's
/// DiagnosticListener: the server runs in this process, other tests' databases are told apart
/// by name. EF Core re-checks for subscribers only now and then, so StartAsync waits for that.
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<string> _commands = [];

    private SqlCommandCounter(string database)
    {
        _database = database;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
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

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data && data.Command.Connection?.Database == _database)
        {
            lock (_commands)
                _commands.Add(data.Command.CommandText);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _allListeners.Dispose();
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
    }
}
