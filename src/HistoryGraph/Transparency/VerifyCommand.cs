using System.Globalization;
using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Transparency;

/// `HistoryGraph verify [--from=N] [--to=N] [--checkpoint=file]...`: verifyHistory against the
/// configured store. `HistoryGraph verify --bundle=file [--key=<verifier key or file>]`: a log
/// bundle checked with no store at all. Exit code 0 when everything verified, 1 when not.
public static class VerifyCommand
{
    public const string Name = "verify";

    public static IEnumerable<string> Options => ["from", "to", "checkpoint", "bundle", "key"];

    /// Whether the arguments ask for a bundle check, which needs no host.
    public static bool IsBundleCheck(string[] args) => args.Length > 0 && args[0] == Name && args.Any(a => a.StartsWith("--bundle", StringComparison.Ordinal));

    public static async Task<int> RunBundleAsync(string[] args)
    {
        var options = args[1..].Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[2..].Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
        if (options.Keys.FirstOrDefault(k => k is not ("bundle" or "key")) is { } other)
        {
            Console.Error.WriteLine($"Unknown option '--{other}' for verify --bundle. Its options: --bundle=<file or ->, --key=<verifier key or file>.");
            return 2;
        }
        if (options["bundle"] is not { Length: > 0 } path)
        {
            Console.Error.WriteLine("Give the bundle as --bundle=<file> (- for standard input).");
            return 2;
        }
        NoteKey? key = null;
        if (options.TryGetValue("key", out var keyText) && keyText.Length > 0)
        {
            try
            {
                key = NoteKey.Parse((File.Exists(keyText) ? await File.ReadAllTextAsync(keyText) : keyText).Trim()).Verifier;
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"--key is not a verifier key: {ex.Message}");
                return 2;
            }
        }
        BundleReport report;
        try
        {
            await using var input = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
            report = await BundleVerifier.VerifyAsync(input, key, CancellationToken.None);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"The bundle cannot be read: {ex.Message}");
            return 2;
        }
        foreach (var problem in report.Problems.Take(VerificationReport.MaxProblems))
            Console.WriteLine($"FAILED {(problem.Sequence is { } s ? $"at {s}: " : "")}{problem.Detail}");
        if (!report.Verified)
        {
            Console.WriteLine($"The bundle does NOT verify: {report.Problems.Count} problem(s).");
            return 1;
        }
        Console.WriteLine($"Verified {report.EventsVerified} event(s) and {report.EventsRedacted} redacted leaf(s) in the tree of {report.TreeSize} events of log {report.Origin}, " +
            $"root {report.RootHash}, signed by {report.VerifierKey}" + (report.KeyGiven ? "." : " (the key the bundle names: compare it with the log's published key, or give it with --key)."));
        return 0;
    }

    public static async Task<int> RunAsync(IHost host, IConfiguration configuration)
    {
        long? from = null, to = null;
        foreach (var (name, assign) in new (string, Action<long>)[] { ("from", v => from = v), ("to", v => to = v) })
        {
            if (configuration[name] is not { Length: > 0 } text)
                continue;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Console.Error.WriteLine($"--{name} must be a sequence (1 or more).");
                return 2;
            }
            assign(value);
        }
        if (from is { } f && to is { } t && f > t)
        {
            Console.Error.WriteLine("--from must be at most --to.");
            return 2;
        }
        if (configuration["key"] is { Length: > 0 } || configuration["bundle"] is { Length: > 0 })
        {
            Console.Error.WriteLine("--key goes with --bundle; the store is verified with the keys configured (Transparency:SigningKey, TrustedKeys).");
            return 2;
        }
        var given = new List<string>();
        foreach (var file in (configuration["checkpoint"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                given.Add(await File.ReadAllTextAsync(file));
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"The checkpoint {file} cannot be read: {ex.Message}");
                return 2;
            }
        }
        var report = await host.Services.GetRequiredService<HistoryVerifier>().VerifyAsync(from, to, given, CancellationToken.None);
        foreach (var problem in report.Problems)
            Console.WriteLine($"{problem.Kind} {(problem.Sequence is { } s ? $"at {s}: " : "")}{problem.Detail}");
        var summary = $"events {report.FromSequence} to {report.ToSequence}: {report.EventsChecked} checked, {report.EventsRedacted} redacted (purged), " +
            $"{report.VersionsChecked} versions and {report.EntitiesChecked} entities checked, {report.CheckpointsChecked} checkpoint(s); tree of {report.TreeSize}, root {Convert.ToBase64String(report.RootHash)}";
        if (!report.Verified)
        {
            Console.WriteLine($"The history does NOT verify ({report.ProblemCount} problem(s), first bad sequence {report.FirstBadSequence?.ToString(CultureInfo.InvariantCulture) ?? "none"}): {summary}.");
            return 1;
        }
        Console.WriteLine($"The history verifies: {summary}.");
        return 0;
    }
}
