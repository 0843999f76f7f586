using System.Text.Json;
using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Transparency;

/// Checks a log bundle with nothing but the bundle and the log's verifier key: the checkpoint's
/// signature, then for every event its leaf recomputed from its bytes and rows and its inclusion
/// proof into the checkpoint's tree (redacted events: the proof of the leaf they left).
public static class BundleVerifier
{
    public static async Task<BundleReport> VerifyAsync(Stream input, NoteKey? key, CancellationToken cancellationToken)
    {
        var report = new BundleReport();
        using var reader = new StreamReader(input);
        var first = await reader.ReadLineAsync(cancellationToken);
        BundleHeader? header;
        try
        {
            header = first is null ? null : JsonSerializer.Deserialize<BundleHeader>(first, BundleJson.Options);
        }
        catch (JsonException)
        {
            header = null;
        }
        if (header is null || header.Format != BundleHeader.FormatName || header.Version != 1)
        {
            report.Problems.Add(new VerificationProblem(VerificationProblemKind.CheckpointUntrusted, null, $"This is not a {BundleHeader.FormatName} (version 1): its first line does not say so."));
            return report;
        }
        (report.Origin, report.TreeSize, report.RootHash) = (header.Origin, header.TreeSize, header.RootHash);
        byte[] root;
        try
        {
            report.KeyGiven = key is not null;
            key ??= NoteKey.Parse(header.VerifierKey);
            report.VerifierKey = key.VerifierKey;
            var note = SignedNote.Parse(header.Checkpoint);
            var checkpoint = Checkpoint.Parse(note.Text);
            if (note.VerifiedBy([key]).Count == 0)
                throw new FormatException($"the checkpoint is not signed by {key.Name} ({key.VerifierKey})");
            if (checkpoint.Size != header.TreeSize || Convert.ToBase64String(checkpoint.RootHash) != header.RootHash || checkpoint.Origin != header.Origin)
                throw new FormatException("the first line's origin, size or root is not the checkpoint's");
            root = checkpoint.RootHash;
        }
        catch (FormatException ex)
        {
            report.Problems.Add(new VerificationProblem(VerificationProblemKind.CheckpointUntrusted, null, $"The bundle's checkpoint cannot be trusted: {ex.Message}."));
            return report;
        }

        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            BundledEvent? e;
            try
            {
                e = JsonSerializer.Deserialize<BundledEvent>(line, BundleJson.Options);
            }
            catch (JsonException ex)
            {
                report.Problems.Add(new VerificationProblem(VerificationProblemKind.LeafMismatch, null, $"Line {lineNumber} is not a bundled event: {ex.Message}"));
                continue;
            }
            if (e is null)
                continue;
            if (Check(e, header.TreeSize, root) is { } problem)
                report.Problems.Add(new VerificationProblem(VerificationProblemKind.LeafMismatch, e.Sequence, $"Event {e.Sequence}: {problem}."));
            else if (e.Redacted)
                report.EventsRedacted++;
            else
                report.EventsVerified++;
        }
        return report;
    }

    /// What is wrong with one bundled event, or null.
    private static string? Check(BundledEvent e, long size, byte[] root)
    {
        byte[] leaf;
        List<byte[]> proof;
        try
        {
            leaf = Convert.FromBase64String(e.LeafHash);
            proof = e.Proof.Select(Convert.FromBase64String).ToList();
            if (!e.Redacted)
            {
                if (e.Raw is null || e.LeafData is null || e.ReceivedAt is null || e.Event is null || e.FieldChanges is null)
                    return "its bytes, rows or leaf data are missing";
                var raw = Convert.FromBase64String(e.Raw);
                var row = e.Event.ToRow(e.Sequence, DateTime.SpecifyKind(e.ReceivedAt.Value, DateTimeKind.Utc));
                var data = EventLeaf.DataOf(row, raw, e.FieldChanges.Select(f => f.ToRow(e.Sequence)));
                if (!data.AsSpan().SequenceEqual(Convert.FromBase64String(e.LeafData)))
                    return "its bytes or rows are not the ones its leaf covers";
                if (!MerkleHashes.Leaf(data).AsSpan().SequenceEqual(leaf))
                    return "its leaf hash is not that of its leaf data";
            }
        }
        catch (FormatException)
        {
            return "a hash or its bytes are not base64";
        }
        return e.Sequence < 1 || e.Sequence > size || !MerkleProofs.VerifyInclusion(e.Sequence - 1, size, leaf, proof, root)
            ? $"its inclusion proof does not lead to the checkpoint's root (tree of {size})"
            : null;
    }
}
