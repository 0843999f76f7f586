using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Transparency;

/// What a stored event's leaf in the transparency log covers, as bytes that are the same whichever
/// store holds the rows. The leaf is MerkleHashes.Leaf of:
///
///     field(0x01)               the encoding's version
///     field(sequence)           8 bytes, big-endian
///     field(received-at)        8 bytes, big-endian: microseconds since 1970-01-01 UTC
///     field(SHA-256 of the event's bytes exactly as received)
///     field(SHA-256 of its rows: EventLeaf.RowsHash)
///
/// where field(x) is x's length as 4 bytes big-endian, then x. The rows hash covers the event's
/// columns and its field changes in order of ordinal, each value a field as above (text as UTF-8,
/// instants as microseconds, decimals without trailing zeros, enumerations by name, a missing
/// value as the length 0xFFFFFFFF and nothing after it), so that an edit of any stored column,
/// or a field change added, removed or reordered, changes the leaf. Instants are cut to whole
/// microseconds, PostgreSQL's precision: the writer stores them so cut.
public static class EventLeaf
{
    public const byte EncodingVersion = 1;

    /// The leaf hash of a stored event, from the SHA-256 of its bytes as received (taken where
    /// they were read, so that the writer need not unpack them) and its rows.
    public static byte[] Hash(ChangeEvent row, ReadOnlySpan<byte> rawHash, IEnumerable<FieldChange> changes) =>
        MerkleHashes.Leaf(Data(row.Sequence, row.ReceivedAt, rawHash, RowsHash(row, changes)));

    /// The leaf of a sequence whose event was purged before the log began (a store made by an
    /// earlier release): nothing is left to hash, so it covers the sequence alone. Its data is
    /// shorter than any event's, so that no event can be passed off as one.
    public static byte[] Redacted(long sequence)
    {
        var writer = new Fields();
        writer.Byte(EncodingVersion);
        writer.Int64(sequence);
        return MerkleHashes.Leaf(writer.ToArray());
    }

    /// A stored event's leaf input, from its bytes as received and its rows.
    public static byte[] DataOf(ChangeEvent row, ReadOnlySpan<byte> raw, IEnumerable<FieldChange> changes) =>
        Data(row.Sequence, row.ReceivedAt, SHA256.HashData(raw), RowsHash(row, changes));

    /// The leaf's input, from the hashes of the raw bytes and of the rows.
    public static byte[] Data(long sequence, DateTime receivedAt, ReadOnlySpan<byte> rawHash, ReadOnlySpan<byte> rowsHash)
    {
        var writer = new Fields();
        writer.Byte(EncodingVersion);
        writer.Int64(sequence);
        writer.Int64(Microseconds(receivedAt));
        writer.Bytes(rawHash);
        writer.Bytes(rowsHash);
        return writer.ToArray();
    }

    /// SHA-256 of the event's columns (but its sequence, received-at and payload, which the leaf
    /// covers itself) and of its field changes.
    public static byte[] RowsHash(ChangeEvent row, IEnumerable<FieldChange> changes)
    {
        // Hashed as written, not gathered first: the writer hashes every event it stores.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var w = new Fields(hash);
        w.Text(row.EventKey);
        w.Text(row.EventId?.ToString("D"));
        w.Text(row.EventType);
        w.Text(row.EntityType);
        w.Text(row.EntityId.ToString("D"));
        w.Text(row.EntityFqn);
        w.Text(row.UserName);
        w.Text(row.ImpersonatedBy);
        w.Instant(row.Timestamp);
        w.Number(row.PreviousVersion);
        w.Number(row.CurrentVersion);
        w.Text(row.SemanticChange.ToString());
        w.Text(row.Origin.ToString());
        var ordered = changes.OrderBy(c => c.Ordinal).ToList();
        w.Int64(ordered.Count);
        foreach (var c in ordered)
        {
            w.Int64(c.Ordinal);
            w.Text(c.EntityId.ToString("D"));
            w.Text(c.EntityType);
            w.Text(c.EntityFqn);
            w.Text(c.Path);
            w.Text(c.Field);
            w.Text(c.Column);
            w.Text(c.Category.ToString());
            w.Text(c.ChangeType.ToString());
            w.Text(c.OldValue);
            w.Text(c.NewValue);
            w.Instant(c.ChangedAt);
            w.Text(c.ChangedBy);
            w.Number(c.Version);
            w.Byte(c.Derived ? (byte)1 : (byte)0);
            w.Text(c.SemanticChange.ToString());
        }
        return hash.GetHashAndReset();
    }

    /// Microseconds since the Unix epoch, cut (not rounded) to whole microseconds.
    public static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// The instant cut to whole microseconds, as the writer stores it so that both stores hold the same.
    public static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// Values each as a length-prefixed field, into a buffer or straight into a hash.
    private sealed class Fields(IncrementalHash? hash = null)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(hash is null ? 256 : 1);

        public void Byte(byte value) => Bytes([value]);

        public void Int64(long value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            Bytes(bytes);
        }

        public void Instant(DateTime utc) => Int64(Microseconds(utc));

        public void Number(decimal? value) =>
            Text(value?.ToString("0.############################", CultureInfo.InvariantCulture));

        public void Text(string? value)
        {
            if (value is null)
            {
                Length(uint.MaxValue);
                return;
            }
            var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
            try
            {
                Bytes(rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Length((uint)value.Length);
            Write(value);
        }

        private void Length(uint length)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
            Write(bytes);
        }

        private void Write(ReadOnlySpan<byte> bytes)
        {
            if (hash is null)
                _buffer.Write(bytes);
            else
                hash.AppendData(bytes);
        }

        public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
    }
}
