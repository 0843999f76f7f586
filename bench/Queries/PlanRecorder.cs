using System.Text;

namespace HistoryGraph.Bench.Queries;

/// The plans behind each answer, as PostgreSQL ran them: every statement a request caused,
/// logged by auto_explain with ANALYZE and BUFFERS by sessions that load it (connections whose
/// Options ask for it, so the measured servers' sessions are untouched). Each question is asked
/// once to warm its plans and buffers, then again with its plans recorded.
public static class PlanRecorder
{
    /// The connection Options that make a session log every statement's plan.
    public const string SessionOptions =
        "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_format=text";

    public static async Task<string> RecordAsync(string logFile, IReadOnlyList<QueryCase> cases, IReadOnlyList<(string Name, Func<QueryCase, Func<int, Task<bool>>> Sender)> systems)
    {
        var text = new StringBuilder();
        foreach (var c in cases.Where(c => c.Name != "typename"))
        {
            text.Append("## ").Append(c.Title).Append("\n\n");
            foreach (var (name, sender) in systems.Where(s => s.Name != "SQL" || c.Sql is not null))
            {
                var send = sender(c);
                await send(0);
                var start = new FileInfo(logFile).Length;
                if (!await send(0))
                    throw new InvalidOperationException($"{c.Name} on {name} answered with errors.");
                await Task.Delay(300); // the server writes its log after the statement ends
                text.Append("### ").Append(name).Append("\n\n```\n").Append(await ReadFromAsync(logFile, start)).Append("```\n\n");
            }
        }
        return text.ToString();
    }

    private static async Task<string> ReadFromAsync(string file, long offset)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
