using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Hosting;
using HistoryGraph.Ingestion.Transparency;
using HistoryGraph.TestSupport;
using HistoryGraph.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Transparency;

/// Rows changed with SQL behind the server's back, each caught by verifyHistory or by a
/// checkpoint taken before the change, and named. Every test stores a table's life of its own
/// (created, then two edits), checks that the store verifies, tampers, looks, and puts every
/// row back, so that the next test starts from an untouched store.
public abstract class TamperTests(HistoryGraphServer server, string connectionString) : IAsyncLifetime
{
    public const string AdminKey = "tamper-admin";
    public static readonly NoteKey Key = NoteKey.Generate("tamper.example/log");

    public static string[] Settings =>
        [$"Admin:ApiKeys:0={AdminKey}", $"Transparency:SigningKey={Key.SignerKey}", "Transparency:CheckpointEvents=1000000", "Transparency:CheckpointMinutes=100000",
            // Checkpoints only when a test makes one: the schedule, finding none after a test
            // deleted them, would sign one of the half-rebuilt log behind the test's back.
            "Transparency:CheckIntervalSeconds=100000"];

    private IDbContextFactory<HistoryDbContext> Contexts => server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>();
    private PayloadCodec Codec => server.Services.GetRequiredService<PayloadCodec>();

    private StoreRows _rows = null!;
    private string _fqn = "";
    private long[] _sequences = [];
    private string _witness = "";

    public async Task InitializeAsync()
    {
        _fqn = $"tamper.db.s.t{Guid.NewGuid():N}";
        var created = OmEvent.Created(Guid.NewGuid(), _fqn);
        var described = created.Next().Set("description", "first words");
        var redescribed = described.Next().Set("description", "second words");
        foreach (var e in new[] { created, described, redescribed })
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(e.ToJson())).StatusCode);
        _sequences = (await server.QueryAsync($$"""{ events(first: 5, where: { entityId: { eq: "{{created.EntityId}}" } }, order: [{ sequence: ASC }]) { nodes { sequence } } }"""))
            .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("sequence").GetInt64()).ToArray();
        Assert.Equal(3, _sequences.Length);
        await server.Services.GetRequiredService<Checkpoints>().MakeIfDueAsync(force: true, CancellationToken.None);
        _witness = await server.Client.GetStringAsync("/checkpoint");
        Assert.Equal(Problems(await VerifyAsync()), []);
        _rows = await StoreRows.CopyAsync(Contexts);
    }

    public async Task DisposeAsync()
    {
        await _rows.RestoreAsync(Contexts);
        Assert.Equal(Problems(await VerifyAsync()), []);
    }

    private long Second => _sequences[1];
    private long Third => _sequences[2];

    private async Task<JsonElement> VerifyAsync(params string[] witnesses)
    {
        var body = await server.AdminGraphQLAsync(
            "query($witnesses: [String!]) { verifyHistory(checkpoints: $witnesses) { verified firstBadSequence problemCount eventsChecked eventsRedacted problems { kind sequence detail } } }",
            new { witnesses }, AdminKey);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").GetProperty("verifyHistory");
    }

    private static List<(string Kind, long? Sequence)> Problems(JsonElement report) =>
        report.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("kind").GetString()!, p.GetProperty("sequence").ValueKind == JsonValueKind.Null ? (long?)null : p.GetProperty("sequence").GetInt64())).ToList();

    private static string Detail(JsonElement report, string kind, long? sequence) =>
        report.GetProperty("problems").EnumerateArray().First(p => p.GetProperty("kind").GetString() == kind
            && (sequence is null || p.GetProperty("sequence").GetInt64() == sequence)).GetProperty("detail").GetString()!;

    private async Task SqlAsync(string sql)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<byte[]> RawAsync(long sequence)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return Codec.Unpack(await db.ChangeEvents.Where(e => e.Sequence == sequence).Select(e => e.Payload).SingleAsync());
    }

    private async Task SetPayloadAsync(long sequence, byte[] raw)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var packed = Codec.Pack(raw);
        await db.ChangeEvents.Where(e => e.Sequence == sequence).ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, packed));
    }

    [Fact]
    public async Task a_varied_untouched_history_verifies()
    {
        // Every delivery shape OpenMetadata sends, batches, a version arriving after a later one,
        // and a hard delete arriving before the update it follows.
        foreach (var name in new[] { "01-", "02-", "03-", "c01-", "c02-", "c03-", "c04-", "c05-", "c06-", "c07-" })
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(Samples.Bytes(name))).StatusCode);
        var created = OmEvent.Created(Guid.NewGuid(), "tamper.db.s.varied");
        var second = created.Next().Set("description", "two");
        var third = second.Next().Set("description", "three");
        var deleted = third.Next("entityDeleted", step: 0m) with { Changes = [] };
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(created, third))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(deleted.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(second.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync((third with { Id = Guid.NewGuid().ToString(), Timestamp = third.Timestamp + 5 }).ToJson())).StatusCode);

        var report = await VerifyAsync();
        Assert.Equal([], Problems(report));
        Assert.True(report.GetProperty("verified").GetBoolean());
        Assert.True(report.GetProperty("eventsChecked").GetInt64() >= 14);
    }

    [Fact]
    public async Task a_store_made_before_the_log_is_brought_under_it_with_the_leaves_the_writer_made()
    {
        // As an earlier release left a store: no tree, no checkpoints, and one event purged.
        await SqlAsync($"DELETE FROM field_changes WHERE event_sequence = {Second}");
        await SqlAsync($"DELETE FROM entity_versions WHERE event_sequence = {Second}");
        await SqlAsync($"DELETE FROM change_events WHERE sequence = {Second}");
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var run = new PurgeRun { RequestedBy = "an earlier release", StartedAt = DateTime.UtcNow, Cutoff = DateTime.UtcNow, Status = PurgeStatus.Completed, EventsPurged = 1 };
            db.PurgeRuns.Add(run);
            await db.SaveChangesAsync();
            db.PurgedRanges.Add(new PurgedRange { FromSequence = Second, ToSequence = Second, RunId = run.Id, Events = 1 });
            await db.SaveChangesAsync();
        }
        await SqlAsync("DELETE FROM log_tiles");
        await SqlAsync("DELETE FROM log_checkpoints");
        await using (var db = await Contexts.CreateDbContextAsync())
            await db.SequenceCounter.ExecuteUpdateAsync(s => s.SetProperty(c => c.TreeSize, 0L).SetProperty(c => c.TreeEdge, Array.Empty<byte>()));

        await server.Services.GetRequiredService<HistoryStoreMigrator>().MigrateAsync(CancellationToken.None);

        var report = await VerifyAsync();
        Assert.Equal([], Problems(report));
        Assert.Equal(1, report.GetProperty("eventsRedacted").GetInt64());
        // Every leaf is the one the writer made when it stored the event; the purged one covers its sequence alone.
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var before = LogAppend.Split(LogAppend.Join(_rows.Tiles.Where(t => t.Level == 0 && t.Index == 0).ToList(), out _));
            var after = LogAppend.Split(await new StoredTree(db).TileBytesAsync(0, 0, CancellationToken.None));
            Assert.Equal(before.Count, after.Count);
            for (var i = 0; i < before.Count; i++)
                Assert.Equal(i + 1 == Second ? EventLeaf.Redacted(Second) : before[i], after[i]);
        }
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.PurgedRanges.Where(r => r.FromSequence == Second).ExecuteDeleteAsync();
            await db.PurgeRuns.Where(r => r.RequestedBy == "an earlier release").ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task an_edited_field_change_is_caught_and_named()
    {
        await SqlAsync($"UPDATE field_changes SET new_value = '\"forged words\"' WHERE event_sequence = {Second}");

        var report = await VerifyAsync();
        Assert.False(report.GetProperty("verified").GetBoolean());
        Assert.Equal(Second, report.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal([("LEAF_MISMATCH", Second)], Problems(report));
        Assert.Contains("new_value is \"\"forged words\"\" where the event as delivered says \"\"first words\"\"", Detail(report, "LEAF_MISMATCH", Second));
    }

    [Fact]
    public async Task an_edited_column_is_caught_and_named()
    {
        await SqlAsync($"UPDATE change_events SET user_name = 'mallory' WHERE sequence = {Third}");

        var report = await VerifyAsync();
        Assert.Equal(Third, report.GetProperty("firstBadSequence").GetInt64());
        Assert.Contains(("LEAF_MISMATCH", (long?)Third), Problems(report));
        Assert.Contains("user_name is \"mallory\" where the event as delivered says \"admin\"", Detail(report, "LEAF_MISMATCH", Third));
    }

    [Fact]
    public async Task an_edited_payload_is_caught_and_named()
    {
        var raw = Encoding.UTF8.GetString(await RawAsync(Second));
        Assert.Contains("\"userName\":\"admin\"", raw);
        await SetPayloadAsync(Second, Encoding.UTF8.GetBytes(raw.Replace("\"userName\":\"admin\"", "\"userName\":\"alice\"")));

        var report = await VerifyAsync();
        Assert.Equal([("LEAF_MISMATCH", Second)], Problems(report));
        Assert.Contains("user_name is \"admin\" where the event as delivered says \"alice\"", Detail(report, "LEAF_MISMATCH", Second));
    }

    [Fact]
    public async Task an_edited_version_is_caught_and_named()
    {
        await SqlAsync($"UPDATE entity_versions SET changed_by = 'mallory' WHERE event_sequence = {Second}");
        var report = await VerifyAsync();
        Assert.Equal([("VERSION_MISMATCH", Second)], Problems(report));
        Assert.Contains("changed_by is \"mallory\", the event's \"admin\"", Detail(report, "VERSION_MISMATCH", Second));

        await _rows.RestoreAsync(Contexts);
        await SqlAsync($"UPDATE entity_versions SET version = 7 WHERE event_sequence = {Third}");
        report = await VerifyAsync();
        Assert.Equal([("VERSION_MISMATCH", Third)], Problems(report));
        Assert.Contains("Version 7 of entity", Detail(report, "VERSION_MISMATCH", Third));
    }

    [Fact]
    public async Task an_edited_current_state_is_caught_and_named()
    {
        await SqlAsync($"UPDATE entities SET description = 'forged words' WHERE fqn = '{_fqn}'");
        var report = await VerifyAsync();
        Assert.Equal([("ENTITY_MISMATCH", Third)], Problems(report));
        Assert.Contains("description is \"forged words\" where the snapshot of event", Detail(report, "ENTITY_MISMATCH", Third));
    }

    [Fact]
    public async Task a_deleted_event_is_caught()
    {
        await SqlAsync($"DELETE FROM field_changes WHERE event_sequence = {Second}");
        await SqlAsync($"DELETE FROM entity_versions WHERE event_sequence = {Second}");
        await SqlAsync($"DELETE FROM change_events WHERE sequence = {Second}");

        var report = await VerifyAsync();
        Assert.Equal([("MISSING_EVENT", Second)], Problems(report));
        Assert.Contains("no purge removed it", Detail(report, "MISSING_EVENT", Second));
    }

    [Fact]
    public async Task an_inserted_event_is_caught()
    {
        long inserted;
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var copy = (await db.ChangeEvents.AsNoTracking().SingleAsync(e => e.Sequence == Third)).Copy();
            inserted = copy.Sequence = await db.ChangeEvents.MaxAsync(e => e.Sequence) + 1;
            copy.EventKey = $"forged-{Guid.NewGuid()}";
            db.ChangeEvents.Add(copy);
            await db.SaveChangesAsync();
        }

        var report = await VerifyAsync();
        Assert.Equal([("EVENT_NOT_IN_LOG", inserted)], Problems(report));
        Assert.Contains("never logged", Detail(report, "EVENT_NOT_IN_LOG", inserted));
    }

    [Fact]
    public async Task reordered_events_are_caught()
    {
        foreach (var (table, column) in new[] { ("change_events", "sequence"), ("field_changes", "event_sequence"), ("entity_versions", "event_sequence") })
        {
            await SqlAsync($"UPDATE {table} SET {column} = -1 WHERE {column} = {Second}");
            await SqlAsync($"UPDATE {table} SET {column} = {Second} WHERE {column} = {Third}");
            await SqlAsync($"UPDATE {table} SET {column} = {Third} WHERE {column} = -1");
        }

        var report = await VerifyAsync();
        Assert.Equal(Second, report.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal([("LEAF_MISMATCH", Second), ("LEAF_MISMATCH", Third)], Problems(report).Where(p => p.Kind == "LEAF_MISMATCH"));
    }

    [Fact]
    public async Task truncated_history_is_caught()
    {
        await SqlAsync($"DELETE FROM field_changes WHERE event_sequence >= {Second}");
        await SqlAsync($"DELETE FROM entity_versions WHERE event_sequence >= {Second}");
        await SqlAsync($"DELETE FROM change_events WHERE sequence >= {Second}");
        await SqlAsync($"UPDATE sequence_counter SET value = {Second - 1}");

        var report = await VerifyAsync();
        Assert.Equal(Second, report.GetProperty("firstBadSequence").GetInt64());
        var problems = Problems(report);
        Assert.Contains(("MISSING_EVENT", (long?)Second), problems);
        Assert.Contains(("MISSING_EVENT", (long?)Third), problems);
        Assert.Contains(problems, p => p.Kind == "EVENT_NOT_IN_LOG" && p.Sequence == Second);
    }

    [Fact]
    public async Task a_rewritten_payload_with_its_leaf_recomputed_is_caught_by_an_older_checkpoint()
    {
        var raw = Encoding.UTF8.GetString(await RawAsync(Second));
        await SetPayloadAsync(Second, Encoding.UTF8.GetBytes(raw.Replace("\"userName\":\"admin\"", "\"userName\":\"alice\"")));
        await SqlAsync($"UPDATE change_events SET user_name = 'alice' WHERE sequence = {Second}");
        await SqlAsync($"UPDATE field_changes SET changed_by = 'alice' WHERE event_sequence = {Second}");
        await SqlAsync($"UPDATE entity_versions SET changed_by = 'alice' WHERE event_sequence = {Second}");
        await TreeRewriter.RebuildAsync(Contexts, Codec);

        // The store agrees with itself now; the checkpoint it signed before does not.
        var report = await VerifyAsync();
        var witnessSize = IndependentLogVerifier.OpenCheckpoint(_witness, Key.VerifierKey).Size;
        Assert.Equal([("CHECKPOINT_MISMATCH", witnessSize)], Problems(report));
        Assert.Contains("was rewritten", Detail(report, "CHECKPOINT_MISMATCH", witnessSize));

        // With the stored checkpoints gone too, the copy held elsewhere still tells.
        await SqlAsync("DELETE FROM log_checkpoints");
        Assert.Equal([], Problems(await VerifyAsync()));
        report = await VerifyAsync(_witness);
        Assert.Equal([("CHECKPOINT_MISMATCH", witnessSize)], Problems(report));
        Assert.Contains("The checkpoint given", Detail(report, "CHECKPOINT_MISMATCH", witnessSize));

        // And no consistency proof joins the witness to the tree as it now is.
        var proof = (await server.QueryAsync($"{{ consistencyProof(fromSize: {witnessSize}, toSize: {witnessSize}) {{ fromRoot }} }}")).GetProperty("consistencyProof");
        Assert.NotEqual(Convert.ToBase64String(IndependentLogVerifier.OpenCheckpoint(_witness, Key.VerifierKey).RootHash), proof.GetProperty("fromRoot").GetString());
    }

    [Fact]
    public async Task a_rolled_back_tree_is_caught_by_an_older_checkpoint()
    {
        await SqlAsync($"DELETE FROM field_changes WHERE event_sequence >= {Second}");
        await SqlAsync($"DELETE FROM entity_versions WHERE event_sequence >= {Second}");
        await SqlAsync($"DELETE FROM change_events WHERE sequence >= {Second}");
        await TreeRewriter.RebuildAsync(Contexts, Codec);

        var report = await VerifyAsync();
        Assert.Contains(("CHECKPOINT_BEYOND_TREE", (long?)Second), Problems(report));
        Assert.Contains("rolled back", Detail(report, "CHECKPOINT_BEYOND_TREE", Second));

        await SqlAsync("DELETE FROM log_checkpoints");
        report = await VerifyAsync(_witness);
        Assert.Equal([("CHECKPOINT_BEYOND_TREE", Second)], Problems(report));
    }

    [Fact]
    public async Task a_checkpoint_signed_by_another_key_is_not_trusted()
    {
        var (size, root) = await new StoredTree(await Contexts.CreateDbContextAsync()).HeadAsync(CancellationToken.None);
        var forged = SignedNote.Sign(new Checkpoint(Key.Name, size, root).Body(), [NoteKey.Generate(Key.Name)]);
        var report = await VerifyAsync(forged);
        Assert.Equal([("CHECKPOINT_UNTRUSTED", null)], Problems(report));
    }

    [Fact]
    public async Task proofs_of_the_events_verify_with_an_independent_verifier()
    {
        var opened = IndependentLogVerifier.OpenCheckpoint(_witness, Key.VerifierKey);
        Assert.Equal(Key.Name, opened.Origin);
        Assert.True(opened.Size >= Third);
        foreach (var sequence in _sequences)
        {
            var proof = (await server.QueryAsync($"{{ eventProof(sequence: {sequence}) {{ treeSize leafHash leafData redacted hashes rootHash checkpoint {{ note }} }} }}")).GetProperty("eventProof");
            Assert.Equal(opened.Size, proof.GetProperty("treeSize").GetInt64());
            Assert.Equal(_witness, proof.GetProperty("checkpoint").GetProperty("note").GetString());
            var data = Convert.FromBase64String(proof.GetProperty("leafData").GetString()!);
            var leaf = IndependentLogVerifier.LeafHash(data);
            Assert.Equal(Convert.ToBase64String(leaf), proof.GetProperty("leafHash").GetString());
            var hashes = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
            Assert.True(IndependentLogVerifier.VerifyInclusion(sequence - 1, opened.Size, leaf, hashes, opened.RootHash));
            // The leaf data: version 1, the sequence, the time received, the SHA-256 of the bytes exactly as delivered.
            Assert.Equal([0, 0, 0, 1, 1, 0, 0, 0, 8], data[..9]);
            Assert.Equal(sequence, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(9, 8)));
            Assert.Equal(SHA256.HashData(await RawAsync(sequence)), data.AsSpan(33, 32).ToArray());
        }

        var consistency = (await server.QueryAsync($"{{ consistencyProof(fromSize: {_sequences[0]}) {{ fromSize toSize fromRoot toRoot hashes }} }}")).GetProperty("consistencyProof");
        Assert.Equal(opened.Size, consistency.GetProperty("toSize").GetInt64());
        Assert.True(IndependentLogVerifier.VerifyConsistency(_sequences[0], opened.Size, Convert.FromBase64String(consistency.GetProperty("fromRoot").GetString()!), opened.RootHash,
            consistency.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList()));
    }

    [Fact]
    public async Task the_tiles_served_hold_the_leaves()
    {
        var opened = IndependentLogVerifier.OpenCheckpoint(_witness, Key.VerifierKey);
        var width = (int)Math.Min(opened.Size, 256);
        var tile = await server.Client.GetByteArrayAsync(opened.Size >= 256 ? "/tile/0/000" : $"/tile/0/000.p/{width}");
        Assert.Equal(width * 32, tile.Length);
        foreach (var sequence in _sequences.Where(s => s <= width))
        {
            var proof = (await server.QueryAsync($"{{ eventProof(sequence: {sequence}) {{ leafHash }} }}")).GetProperty("eventProof");
            Assert.Equal(proof.GetProperty("leafHash").GetString(), Convert.ToBase64String(tile, (int)(sequence - 1) * 32, 32));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/tile/0/x999/999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/tile/0/12")).StatusCode);
    }

    private async Task<string> BundleAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/export?format=ndjson&proofs=true" + query);
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<BundleReport> CheckBundleAsync(string bundle, NoteKey? key) =>
        await BundleVerifier.VerifyAsync(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), key, CancellationToken.None);

    /// The README's script, run with bash on a bundle file: its exit code and what it printed.
    private static async Task<(int ExitCode, string Output)> RunReadmeScriptAsync(string bundle, string verifierKey)
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"));
        var block = readme[readme.IndexOf("<!-- verify-bundle:begin -->", StringComparison.Ordinal)..readme.IndexOf("<!-- verify-bundle:end -->", StringComparison.Ordinal)];
        var script = block[(block.IndexOf("```bash\n", StringComparison.Ordinal) + 8)..block.LastIndexOf("```", StringComparison.Ordinal)];
        var folder = Directory.CreateTempSubdirectory("historygraph-test-bundle-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "verify-bundle.sh"), script);
            await File.WriteAllTextAsync(Path.Combine(folder, "bundle.ndjson"), bundle);
            var start = new System.Diagnostics.ProcessStartInfo("bash", ["verify-bundle.sh", "bundle.ndjson", verifierKey])
                { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task a_bundle_verifies_offline_with_the_command_and_with_the_readme_script()
    {
        var whole = await BundleAsync("");
        var report = await CheckBundleAsync(whole, Key.Verifier);
        Assert.Equal([], report.Problems);
        var lines = whole.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.TreeSize, report.EventsVerified + report.EventsRedacted);
        Assert.Equal(report.TreeSize + 1, lines.Length);

        var mine = await BundleAsync($"&fqnPrefix={Uri.EscapeDataString(_fqn)}");
        Assert.Equal(4, mine.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var (code, output) = await RunReadmeScriptAsync(mine, Key.VerifierKey);
        Assert.True(code == 0, output);
        Assert.Contains("verified: every event", output);

        // The bytes of one event changed in the bundle: both refuse it and say which.
        var line = JsonNode.Parse(mine.Split('\n')[2])!;
        var raw = Encoding.UTF8.GetString(Convert.FromBase64String(line["raw"]!.GetValue<string>())).Replace("first words", "forged words");
        line["raw"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(raw));
        var forged = string.Join('\n', mine.Split('\n').Select((l, i) => i == 2 ? line.ToJsonString() : l));
        (code, output) = await RunReadmeScriptAsync(forged, Key.VerifierKey);
        Assert.Equal(1, code);
        Assert.Contains($"event {Second}: its bytes are not the ones logged", output);
        Assert.Equal([Second], (await CheckBundleAsync(forged, Key.Verifier)).Problems.Select(p => p.Sequence));

        // A row changed in the bundle: the script checks bytes only, the command the rows too.
        line = JsonNode.Parse(mine.Split('\n')[2])!;
        line["event"]!["userName"] = "mallory";
        forged = string.Join('\n', mine.Split('\n').Select((l, i) => i == 2 ? line.ToJsonString() : l));
        Assert.Contains("not the ones its leaf covers", (await CheckBundleAsync(forged, Key.Verifier)).Problems.Single().Detail);

        // Another key: neither trusts the checkpoint.
        var other = NoteKey.Generate(Key.Name);
        (code, output) = await RunReadmeScriptAsync(mine, other.VerifierKey);
        Assert.Equal(1, code);
        Assert.Contains("signature", output);
        Assert.Equal(VerificationProblemKind.CheckpointUntrusted, (await CheckBundleAsync(mine, other.Verifier)).Problems.Single().Kind);
    }

    [Fact]
    public async Task the_commands_verify_the_store_and_a_bundle_and_make_keys()
    {
        string[] store = [$"--ConnectionStrings:History={connectionString}", $"--Transparency:SigningKey={Key.SignerKey}", "--Serilog:MinimumLevel:Default=Warning"];
        var path = Path.Combine(Path.GetTempPath(), $"historygraph-test-bundle-{Guid.NewGuid():N}.ndjson");
        try
        {
            Assert.Equal(0, await MaintenanceCommands.RunAsync(["verify", .. store]));
            Assert.Equal(0, await MaintenanceCommands.RunAsync(["bundle", .. store, $"--output={path}", $"--fqnPrefix={_fqn}"]));
            Assert.Equal(0, await MaintenanceCommands.RunAsync(["verify", $"--bundle={path}", $"--key={Key.VerifierKey}"]));
            Assert.Equal(1, await MaintenanceCommands.RunAsync(["verify", $"--bundle={path}", $"--key={NoteKey.Generate(Key.Name).VerifierKey}"]));
            Assert.Equal(2, await MaintenanceCommands.RunAsync(["verify", $"--bundle={path}", "--key=not-a-key"]));

            await SqlAsync($"UPDATE field_changes SET old_value = '\"x\"' WHERE event_sequence = {Second}");
            Assert.Equal(1, await MaintenanceCommands.RunAsync(["verify", .. store]));
            Assert.Equal(0, await MaintenanceCommands.RunAsync(["verify", .. store, $"--from={Third}"]));
            Assert.Equal(2, await MaintenanceCommands.RunAsync(["verify", .. store, "--from=0"]));

            Assert.Equal(0, await MaintenanceCommands.RunAsync(["log-key", "--name=history.example.com/log"]));
            Assert.Equal(2, await MaintenanceCommands.RunAsync(["log-key", "--name=has space"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task proofs_of_sizes_the_tree_does_not_have_are_refused()
    {
        var body = await server.GraphQLAsync("{ eventProof(sequence: 1, treeSize: 999999999) { treeSize } }");
        Assert.Equal("INVALID_ARGUMENT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        body = await server.GraphQLAsync("{ consistencyProof(fromSize: 0) { toSize } }");
        Assert.Equal("INVALID_ARGUMENT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var refused = await server.KeyedGraphQLAsync("{ verifyHistory { verified } }", null, "not-a-key");
        Assert.NotEqual(HttpStatusCode.OK, refused.Status);
    }
}

public sealed class PostgresTamperTests(PostgresTamperTests.ServerFixture fixture) : TamperTests(fixture.Server, fixture.ConnectionString), IClassFixture<PostgresTamperTests.ServerFixture>
{
    public sealed class ServerFixture : PostgresServerFixture
    {
        protected override string[] Settings => TamperTests.Settings;
    }
}

public sealed class SqliteTamperTests(SqliteTamperTests.ServerFixture fixture) : TamperTests(fixture.Server, fixture.ConnectionString), IClassFixture<SqliteTamperTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => TamperTests.Settings;
    }
}
