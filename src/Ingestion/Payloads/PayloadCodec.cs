using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using HistoryGraph.Ingestion.Storage;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace HistoryGraph.Ingestion.Payloads;

/// How an event's raw JSON is kept: compressed UTF-8 bytes, where a jsonb column would be
/// parsed on every insert. Three kinds are read alike, told apart by their first byte:
/// - plain UTF-8 JSON, from rows written before compression (JSON text never begins with a
///   control character, so never with a marker);
/// - 0x01, the length (4 bytes), Brotli: what is written until the store has a dictionary;
/// - 0x02, the length, a dictionary's key (8 bytes), zstd with that dictionary.
/// OpenMetadata's events repeat the same names, types and structure from one event to the
/// next far more than within one event, so a dictionary trained on a store's own events packs
/// an event to about half of what Brotli does, in less CPU (bench/README.md).
public sealed class PayloadCodec
{
    private const byte BrotliMarker = 0x01;
    private const byte DictionaryMarker = 0x02;
    private const int BrotliHeaderBytes = 5;
    private const int DictionaryHeaderBytes = 13;
    // Quality 1 compresses a 7 KB event in about 30 µs to 19%; higher qualities gain a few
    // percent for several times the CPU, which the ingest path has none of to spare.
    private const int BrotliQuality = 1;
    private const int BrotliWindow = 22;
    // Level 1 with a dictionary: about 21 µs and 6% for a 10 KB event; level 6 saves another
    // fifth of that for six times the CPU.
    private const int ZstdLevel = 1;

    private readonly Func<long, PayloadDictionary?> _load;
    private readonly ConcurrentDictionary<long, DictionaryPacker> _dictionaries = new();
    private volatile DictionaryPacker? _current;
    private long _packedEvents;
    private long _packedJsonBytes;
    private long _packedBytes;

    /// A codec that knows only the dictionaries given to it (tests and tools without a store).
    public PayloadCodec() : this(_ => null) { }

    /// load: reads a dictionary from the store by its key, for payloads packed by another
    /// instance with one it trained.
    public PayloadCodec(Func<long, PayloadDictionary?> load) => _load = load;

    /// The dictionary new payloads are packed with; null while the store has none.
    public PayloadDictionary? Current => _current?.Row;

    public byte[] Pack(ReadOnlySpan<byte> utf8)
    {
        var packed = _current is { } dictionary ? dictionary.Pack(utf8) : PackBrotli(utf8);
        Interlocked.Increment(ref _packedEvents);
        Interlocked.Add(ref _packedJsonBytes, utf8.Length);
        Interlocked.Add(ref _packedBytes, packed.Length);
        return packed;
    }

    /// The UTF-8 JSON text.
    public byte[] Unpack(byte[] stored)
    {
        if (stored.Length == 0)
            return stored;
        switch (stored[0])
        {
            case BrotliMarker:
            {
                var text = new byte[Length(stored)];
                if (!BrotliDecoder.TryDecompress(stored.AsSpan(BrotliHeaderBytes), text, out var written) || written != text.Length)
                    throw Damaged();
                return text;
            }
            case DictionaryMarker:
                return Dictionary(DictionaryKeyOf(stored) ?? throw Damaged()).Unpack(stored.AsSpan(DictionaryHeaderBytes), Length(stored));
            default:
                return stored;
        }
    }

    public string Text(byte[] stored) => Encoding.UTF8.GetString(Unpack(stored));

    /// Packs every payload from now on with this dictionary, and starts a new tally, so that
    /// what was packed before it cannot make it look stale.
    public void Use(PayloadDictionary dictionary)
    {
        _current = _dictionaries.GetOrAdd(dictionary.Key, _ => new DictionaryPacker(dictionary));
        TakeTally();
    }

    /// What was packed since the last call (or since a dictionary was taken up).
    public PackingTally TakeTally() => new(
        Interlocked.Exchange(ref _packedEvents, 0),
        Interlocked.Exchange(ref _packedJsonBytes, 0),
        Interlocked.Exchange(ref _packedBytes, 0));

    /// Trains a dictionary on events' JSON, every fifth kept out to measure it against Brotli
    /// on events it has not seen. Throws when zstd cannot train one (too few or too uniform
    /// samples).
    public static PayloadDictionary Train(IReadOnlyList<byte[]> samples, int dictionaryBytes, DateTime now)
    {
        var training = samples.Where((_, i) => i % 5 != 4).ToList();
        var test = samples.Where((_, i) => i % 5 == 4).ToList();
        var content = DictBuilder.TrainFromBuffer(training, dictionaryBytes);
        var dictionary = new PayloadDictionary { Key = KeyOf(content), Content = content, TrainedAt = now, TrainedOnEvents = training.Count, TestEvents = test.Count };
        var packer = new DictionaryPacker(dictionary);
        foreach (var sample in test)
        {
            dictionary.TestJsonBytes += sample.Length;
            dictionary.TestPackedBytes += packer.Pack(sample).Length;
            dictionary.TestBrotliBytes += PackBrotli(sample).Length;
        }
        return dictionary;
    }

    /// The key of the dictionary a stored payload was packed with; null when it was packed
    /// without one.
    public static long? DictionaryKeyOf(byte[] stored) =>
        stored.Length >= DictionaryHeaderBytes && stored[0] == DictionaryMarker ? BinaryPrimitives.ReadInt64LittleEndian(stored.AsSpan(5)) : null;

    public static long KeyOf(ReadOnlySpan<byte> content) => BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(content));

    private static byte[] PackBrotli(ReadOnlySpan<byte> utf8)
    {
        var bound = BrotliEncoder.GetMaxCompressedLength(utf8.Length) + BrotliHeaderBytes;
        var rented = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            if (!BrotliEncoder.TryCompress(utf8, rented.AsSpan(BrotliHeaderBytes), out var written, BrotliQuality, BrotliWindow))
                throw new InvalidOperationException("Brotli could not compress the payload.");
            rented[0] = BrotliMarker;
            BinaryPrimitives.WriteInt32LittleEndian(rented.AsSpan(1), utf8.Length);
            return rented.AsSpan(0, BrotliHeaderBytes + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Length(byte[] stored) => stored.Length >= BrotliHeaderBytes
        ? BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(1)) is var length and >= 0 ? length : throw Damaged()
        : throw Damaged();

    private static InvalidDataException Damaged() =>
        new("A stored payload is damaged: it does not decompress to its recorded length.");

    private DictionaryPacker Dictionary(long key)
    {
        if (_dictionaries.TryGetValue(key, out var known))
            return known;
        // Packed by another instance with a dictionary it trained: read once per process.
        // Synchronous so that every reader stays simple; it happens once per dictionary.
        var row = _load(key) ?? throw new InvalidDataException($"A stored payload names a compression dictionary ({key:x16}) that the store does not hold.");
        if (KeyOf(row.Content) != key)
            throw new InvalidDataException($"The compression dictionary {key:x16} in the store is damaged: its content does not match its key.");
        return _dictionaries.GetOrAdd(key, _ => new DictionaryPacker(row));
    }

    /// One dictionary with pooled zstd contexts (a context is not thread-safe; loading the
    /// dictionary into one is the costly part, so each is kept and reused).
    private sealed class DictionaryPacker(PayloadDictionary row)
    {
        private readonly ConcurrentBag<Compressor> _compressors = [];
        private readonly ConcurrentBag<Decompressor> _decompressors = [];

        public PayloadDictionary Row => row;

        public byte[] Pack(ReadOnlySpan<byte> utf8)
        {
            var compressor = _compressors.TryTake(out var pooled) ? pooled : NewCompressor();
            var rented = ArrayPool<byte>.Shared.Rent(DictionaryHeaderBytes + Compressor.GetCompressBound(utf8.Length));
            try
            {
                var written = compressor.Wrap(utf8, rented.AsSpan(DictionaryHeaderBytes));
                rented[0] = DictionaryMarker;
                BinaryPrimitives.WriteInt32LittleEndian(rented.AsSpan(1), utf8.Length);
                BinaryPrimitives.WriteInt64LittleEndian(rented.AsSpan(5), row.Key);
                return rented.AsSpan(0, DictionaryHeaderBytes + written).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
                _compressors.Add(compressor);
            }
        }

        public byte[] Unpack(ReadOnlySpan<byte> frame, int length)
        {
            var decompressor = _decompressors.TryTake(out var pooled) ? pooled : NewDecompressor();
            try
            {
                var text = new byte[length];
                if (!decompressor.TryUnwrap(frame, text, out var written) || written != length)
                    throw Damaged();
                return text;
            }
            catch (ZstdException)
            {
                throw Damaged();
            }
            finally
            {
                _decompressors.Add(decompressor);
            }
        }

        private Compressor NewCompressor()
        {
            var compressor = new Compressor(ZstdLevel);
            compressor.LoadDictionary(row.Content);
            // The header already holds the length and the dictionary's key.
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);
            return compressor;
        }

        private Decompressor NewDecompressor()
        {
            var decompressor = new Decompressor();
            decompressor.LoadDictionary(row.Content);
            return decompressor;
        }
    }
}
