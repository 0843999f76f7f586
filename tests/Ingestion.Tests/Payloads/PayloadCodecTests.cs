using System.Text;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Ingestion.Tests.Payloads;

public class PayloadCodecTests
{
    // Realistic events (whole tables of 10 to 30 columns, as creates carry them), in two sets
    // from different seeds: one to train on, one the dictionary has never seen.
    private static readonly List<byte[]> Training = Events(seed: 1, count: 400);
    private static readonly List<byte[]> Unseen = Events(seed: 2, count: 100);
    private static readonly PayloadDictionary Dictionary = PayloadCodec.Train(Training, 32 * 1024, DateTime.UtcNow);

    [Fact]
    public void events_packed_with_a_trained_dictionary_read_back_byte_for_byte_and_take_far_less_room_than_brotli()
    {
        var brotli = new PayloadCodec();
        var trained = new PayloadCodec();
        trained.Use(Dictionary);

        long brotliBytes = 0, dictionaryBytes = 0;
        foreach (var json in Unseen)
        {
            var packed = trained.Pack(json);
            Assert.Equal(0x02, packed[0]);
            Assert.Equal(json, trained.Unpack(packed));
            dictionaryBytes += packed.Length;
            brotliBytes += brotli.Pack(json).Length;
        }
        Assert.True(dictionaryBytes < brotliBytes * 0.75, $"dictionary {dictionaryBytes} bytes, Brotli {brotliBytes}");
        // Measured on the fifth of the samples kept out of training.
        Assert.Equal((320, 80), (Dictionary.TrainedOnEvents, Dictionary.TestEvents));
        Assert.Equal(Training.Where((_, i) => i % 5 == 4).Sum(t => (long)t.Length), Dictionary.TestJsonBytes);
        Assert.True(Dictionary.TestPackedBytes < Dictionary.TestBrotliBytes * 0.75);

        var tally = trained.TakeTally();
        Assert.Equal((Unseen.Count, Unseen.Sum(j => (long)j.Length), dictionaryBytes), (tally.Events, tally.JsonBytes, tally.PackedBytes));
        Assert.Equal(0, trained.TakeTally().Events);
    }

    [Fact]
    public void plain_brotli_and_dictionary_payloads_all_read_alike_through_one_codec()
    {
        var json = Unseen[0];
        var before = new PayloadCodec().Pack(json);
        var codec = new PayloadCodec();
        codec.Use(Dictionary);
        var after = codec.Pack(json);

        Assert.Equal(0x01, before[0]);
        Assert.Equal(json, codec.Unpack(json));
        Assert.Equal(json, codec.Unpack(before));
        Assert.Equal(json, codec.Unpack(after));
        Assert.Equal(Encoding.UTF8.GetString(json), codec.Text(after));
    }

    [Fact]
    public void a_dictionary_trained_elsewhere_is_read_from_the_store_once_by_its_key()
    {
        var trainedElsewhere = new PayloadCodec();
        trainedElsewhere.Use(Dictionary);
        var packed = Unseen.Take(20).Select(j => trainedElsewhere.Pack(j)).ToList();

        var loads = new List<long>();
        var reader = new PayloadCodec(key => { loads.Add(key); return key == Dictionary.Key ? Dictionary : null; });
        for (var i = 0; i < packed.Count; i++)
            Assert.Equal(Unseen[i], reader.Unpack(packed[i]));
        Assert.Equal([Dictionary.Key], loads);
        Assert.Null(reader.Current);
    }

    [Fact]
    public void a_missing_or_altered_dictionary_and_a_truncated_payload_are_reported_as_damage_not_misread()
    {
        var codec = new PayloadCodec();
        codec.Use(Dictionary);
        var packed = codec.Pack(Unseen[0]);

        var missing = Assert.Throws<InvalidDataException>(() => new PayloadCodec().Unpack(packed));
        Assert.Contains($"{Dictionary.Key:x16}", missing.Message);

        var altered = new PayloadDictionary { Key = Dictionary.Key, Content = [.. Dictionary.Content.Take(Dictionary.Content.Length - 1), 0] };
        var alteredError = Assert.Throws<InvalidDataException>(() => new PayloadCodec(_ => altered).Unpack(packed));
        Assert.Contains("damaged", alteredError.Message);

        Assert.Throws<InvalidDataException>(() => codec.Unpack(packed[..^8]));
        Assert.Throws<InvalidDataException>(() => codec.Unpack(packed[..9]));
        Assert.Throws<InvalidDataException>(() => codec.Unpack([0x01, 0x02]));
        Assert.Throws<InvalidDataException>(() => codec.Unpack(new PayloadCodec().Pack(Unseen[0])[..^8]));
    }

    [Fact]
    public void a_dictionary_key_is_the_hash_of_its_content()
    {
        Assert.Equal(PayloadCodec.KeyOf(Dictionary.Content), Dictionary.Key);
        Assert.Equal(Dictionary.Key, PayloadCodec.Train(Training, 32 * 1024, DateTime.UtcNow).Key);
    }

    private static List<byte[]> Events(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var fqn = $"mysql_{seed}.db{i % 7}.schema{i % 13}.table_{seed}_{i}";
            var created = OmEvent.Created(Guid.NewGuid(), fqn) with { Entity = RealisticTable.Entity(fqn, 10 + random.Next(21), random) };
            return (i % 3 == 0 ? created : created.Next().Change("fieldsUpdated", "description", "old text", $"new text {i}")).ToBytes();
        }).ToList();
    }
}
