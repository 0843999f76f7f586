using System.Globalization;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Notifications.Messages;

/// The message a target that keeps checkpoints is sent for each one signed: the signed note
/// itself (the exact text to keep and later hand to `verifyHistory(checkpoints:)` or
/// `verify --checkpoint`), with its size and root as facts. WEBHOOK targets get it in the payload.
public static class CheckpointNotice
{
    public const string EventType = "checkpoint";

    public static MessageDocument Build(LogCheckpoint checkpoint)
    {
        var size = checkpoint.TreeSize.ToString(CultureInfo.InvariantCulture);
        var root = Convert.ToBase64String(checkpoint.RootHash);
        var origin = checkpoint.Note.Split('\n')[0];
        return new MessageDocument
        {
            Title = $"🔏 HistoryGraph checkpoint: {size} events",
            Summary = $"HistoryGraph signed the state of its history after {size} events. Keep this message: it proves what the history held, whatever happens to the store later.",
            Facts = [new("Log", origin), new("Events", size), new("Root hash", root), new("Signed by", checkpoint.KeyName)],
            Sections = [new MessageSection("Signed checkpoint", [new MessageItem("note", New: checkpoint.Note)])],
            Timestamp = checkpoint.CreatedAt,
            Footer = $"HistoryGraph · checkpoint {checkpoint.Id.ToString(CultureInfo.InvariantCulture)}",
            Key = "checkpoint-" + checkpoint.Id.ToString(CultureInfo.InvariantCulture),
            EventType = EventType,
            Payload = new JsonObject
            {
                ["origin"] = origin,
                ["treeSize"] = checkpoint.TreeSize,
                ["rootHash"] = root,
                ["checkpoint"] = checkpoint.Note,
                ["verifierKey"] = checkpoint.VerifierKey,
                ["signedAt"] = checkpoint.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            },
            ModelName = "checkpoint",
            Values = new Dictionary<string, string?>
            {
                ["origin"] = origin,
                ["treeSize"] = size,
                ["rootHash"] = root,
                ["note"] = checkpoint.Note,
                ["verifierKey"] = checkpoint.VerifierKey,
                ["timestamp"] = checkpoint.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            },
        };
    }
}
