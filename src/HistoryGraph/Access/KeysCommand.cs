using System.Globalization;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Time;
using Spectre.Console;

namespace HistoryGraph.Access;

/// `HistoryGraph keys create --role=reader --name=dashboard [--expires=90d]`, `keys list`,
/// `keys revoke <id>`, `keys rotate <id> [--overlap=24h] [--expires=...]`: the stored API keys,
/// from the machine that runs the server (no key needed: whoever can run this can read the
/// store). A new key's text is printed once, on standard output alone, so that it can be piped.
public static class KeysCommand
{
    public const string Name = "keys";

    public static IEnumerable<string> Options => ["role", "name", "expires", "overlap"];

    private const string Usage = "Usage: keys create --role=reader|admin|ingest --name=<name> [--expires=90d|<instant>] | keys list | keys revoke <id> | " +
        "keys rotate <id> [--overlap=24h] [--expires=...]";

    public static async Task<int> RunAsync(IHost host, IConfiguration configuration, IReadOnlyList<string> words)
    {
        var store = host.Services.GetRequiredService<ApiKeyStore>();
        var clock = host.Services.GetRequiredService<TimeProvider>();
        try
        {
            switch (words)
            {
                case ["create"]:
                    if (!Enum.TryParse<AccessRole>(configuration["role"], ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(configuration["role"], out _))
                        return Fail("--role must be reader, admin or ingest. " + Usage);
                    if (configuration["name"] is not { Length: > 0 } name)
                        return Fail("--name is required. " + Usage);
                    Print(await store.CreateAsync(name, role, Expiry(configuration["expires"], clock), "cli", CancellationToken.None));
                    return 0;
                case ["list"]:
                    List(await store.ListAsync(CancellationToken.None), store);
                    return 0;
                case ["revoke", var id]:
                    var revoked = await store.RevokeAsync(id, "cli", CancellationToken.None);
                    Console.Error.WriteLine($"Key {revoked.Id} ({revoked.Name}) is revoked.");
                    return 0;
                case ["rotate", var id]:
                    var overlap = configuration["overlap"] is { Length: > 0 } text ? Duration(text) ?? throw new KeyManagementException("INVALID_ARGUMENT", $"--overlap '{text}' is not a duration such as 24h or 30m.") : TimeSpan.FromDays(1);
                    var rotated = await store.RotateAsync(id, overlap, Expiry(configuration["expires"], clock), "cli", CancellationToken.None);
                    Print(rotated);
                    Console.Error.WriteLine($"The old key {rotated.Replaced!.Id} keeps working until {rotated.Replaced.ExpiresAt:u}.");
                    return 0;
                default:
                    return Fail(Usage);
            }
        }
        catch (KeyManagementException ex)
        {
            return Fail(ex.Message);
        }
    }

    private static void Print(CreatedApiKey created)
    {
        Console.Error.WriteLine($"Key {created.Row.Id} ({created.Row.Name}, {AccessControl.RoleName(created.Row.Role)})" +
            (created.Row.ExpiresAt is { } expires ? $", expires {expires:u}" : "") + ". It is shown this once:");
        Console.Out.WriteLine(created.Key);
    }

    /// A table on a terminal; tab-separated lines, one per key, when the output goes elsewhere.
    private static void List(List<ApiKey> keys, ApiKeyStore store)
    {
        string[] columns = ["id", "name", "role", "created", "last used", "expires", "state"];
        var rows = keys.Select(key => new[]
        {
            key.Id, key.Name, AccessControl.RoleName(key.Role), $"{key.CreatedAt:u}", key.LastUsedAt is { } used ? $"{used:u}" : "never",
            key.ExpiresAt is { } expires ? $"{expires:u}" : "never", store.Problem(key) ?? "active",
        }).ToList();
        if (Console.IsOutputRedirected)
        {
            Console.Out.WriteLine(string.Join('\t', columns));
            foreach (var row in rows)
                Console.Out.WriteLine(string.Join('\t', row.Select(cell => cell.Replace('\t', ' '))));
            return;
        }
        var table = new Table().AddColumns(columns);
        foreach (var row in rows)
            table.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
    }

    /// `90d`, `12h` or `30m` from now, or an instant (ISO 8601).
    private static DateTime? Expiry(string? text, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (Duration(text) is { } duration)
            return clock.GetUtcNow().UtcDateTime + duration;
        if (Instants.TryParse(text, out var instant))
            return instant;
        throw new KeyManagementException("INVALID_ARGUMENT", $"--expires '{text}' is neither a duration (90d, 12h, 30m) nor {Instants.Expected}.");
    }

    private static TimeSpan? Duration(string text)
    {
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return null;
        return text[^1] switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            _ => null,
        };
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
