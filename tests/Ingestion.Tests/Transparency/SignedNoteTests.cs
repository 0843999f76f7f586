using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Ingestion.Tests.Transparency;

/// Signed notes and checkpoints in the C2SP formats, checked against the published examples: the
/// key and note of golang.org/x/mod/sumdb/note's documentation (Ed25519 signs deterministically,
/// so signing its text with its key must give its note byte for byte) and the verifier key and
/// note of the C2SP signed-note specification.
public sealed class SignedNoteTests
{
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private const string SpecVerifierKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private const string SpecNote = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    [Fact]
    public void the_published_key_signs_the_published_note_byte_for_byte()
    {
        var key = NoteKey.Parse(GoSignerKey);
        Assert.Equal(GoVerifierKey, key.VerifierKey);
        Assert.Equal(GoSignerKey, key.SignerKey);
        Assert.Equal(0xc74f20a3u, key.Hash);
        Assert.Equal(GoNote, SignedNote.Sign(GoText, [key]));
    }

    [Fact]
    public void published_notes_verify_with_their_verifier_keys_and_altered_ones_do_not()
    {
        var go = NoteKey.Parse(GoVerifierKey);
        var spec = NoteKey.Parse(SpecVerifierKey);
        Assert.False(go.CanSign);
        Assert.Equal([go], SignedNote.Parse(GoNote).VerifiedBy([go, spec]));
        Assert.Equal([spec], SignedNote.Parse(SpecNote).VerifiedBy([go, spec]));
        Assert.Equal("This is an example message.\n", SignedNote.Parse(SpecNote).Text);

        Assert.Empty(SignedNote.Parse(GoNote.Replace("cryptography", "Cryptography", StringComparison.Ordinal)).VerifiedBy([go]));
        Assert.Empty(SignedNote.Parse(GoNote.Replace("x08go", "x08gp", StringComparison.Ordinal)).VerifiedBy([go]));
        // Another key under the same name is not the signer.
        var impostor = NoteKey.Generate("PeterNeumann");
        Assert.Empty(SignedNote.Parse(GoNote).VerifiedBy([impostor]));
    }

    [Theory]
    [InlineData("no signature at all\n")]
    [InlineData("text\n\nnot a signature line\n")]
    [InlineData("text\n\n\u2014 name !!!\n")]
    [InlineData("text\n\n\u2014 name AAAA\n")]
    [InlineData("text without a final newline\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")]
    public void malformed_notes_are_refused(string note) => Assert.Throws<FormatException>(() => SignedNote.Parse(note));

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // the hash of another key
    [InlineData("PeterNeumann+c74f20a3+ApxjZHoQ8+ZtBGvFmXSNbmNBcLcvNAhbDcvQuIAVoCdb")] // not Ed25519
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3")]
    public void malformed_keys_are_refused(string key) => Assert.Throws<FormatException>(() => NoteKey.Parse(key));

    [Fact]
    public void a_generated_key_round_trips_and_signs_checkpoints_any_verifier_can_read()
    {
        var key = NoteKey.Generate("history.example.com/prod");
        var again = NoteKey.Parse(key.SignerKey);
        Assert.Equal((key.VerifierKey, key.Hash), (again.VerifierKey, again.Hash));

        var root = MerkleHashes.Leaf([1, 2, 3]);
        var checkpoint = new Checkpoint("history.example.com/prod", 1234, root);
        Assert.Equal($"history.example.com/prod\n1234\n{Convert.ToBase64String(root)}\n", checkpoint.Body());
        var note = SignedNote.Sign(checkpoint.Body(), [key, NoteKey.Generate("witness")]);
        var parsed = SignedNote.Parse(note);
        Assert.Equal(2, parsed.Signatures.Count);
        Assert.Equal([key.Hash], parsed.VerifiedBy([NoteKey.Parse(key.VerifierKey)]).Select(k => k.Hash));
        var read = Checkpoint.Parse(parsed.Text);
        Assert.Equal((checkpoint.Origin, checkpoint.Size, Convert.ToHexString(checkpoint.RootHash)), (read.Origin, read.Size, Convert.ToHexString(read.RootHash)));
        Assert.Equal(["extension line"], Checkpoint.Parse(checkpoint.Body() + "extension line\n").Extensions);
    }

    [Theory]
    [InlineData("origin\n012\nAAAA\n")]
    [InlineData("origin\n-1\nAAAA\n")]
    [InlineData("origin\n12\nnot base64\n")]
    [InlineData("origin\n12\nAAAA\n")]
    [InlineData("origin\n12\n")]
    public void malformed_checkpoints_are_refused(string body) => Assert.Throws<FormatException>(() => Checkpoint.Parse(body));
}
