using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Transparency;

/// `HistoryGraph log-key --name=<name>`: makes a checkpoint signing key and prints the signer key
/// (for Transparency:SigningKey, kept secret) and its verifier key (to publish). Needs no store.
public static class LogKeyCommand
{
    public const string Name = "log-key";

    public static bool Is(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args)
    {
        var name = args[1..].Where(a => a.StartsWith("--name=", StringComparison.Ordinal)).Select(a => a["--name=".Length..]).FirstOrDefault();
        if (args[1..].Any(a => !a.StartsWith("--name=", StringComparison.Ordinal)) || name is null || !NoteKey.IsValidName(name))
        {
            Console.Error.WriteLine("Usage: log-key --name=<the log's name, e.g. historygraph.example.com/log: no spaces or plus signs>.");
            return 2;
        }
        var key = NoteKey.Generate(name);
        Console.WriteLine($"Signer key (Transparency:SigningKey; keep it secret): {key.SignerKey}");
        Console.WriteLine($"Verifier key (publish it; verifiers check checkpoints with it): {key.VerifierKey}");
        return 0;
    }
}
