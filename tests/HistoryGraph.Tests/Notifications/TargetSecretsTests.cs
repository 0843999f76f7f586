using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Notifications;

/// Target secrets encrypted with keys kept in the history store: what one instance encrypted,
/// another on the same store reads; the stored form holds nothing of the secret.
public sealed class TargetSecretsTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task a_secret_encrypted_by_one_instance_is_read_by_another_on_the_same_store_and_never_kept_in_clear()
    {
        const string secret = "xoxb-1234567890-very-secret-token";
        var stored = fixture.Server.Services.GetRequiredService<TargetSecrets>().Protect(secret);
        await using var second = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={fixture.ConnectionString}");

        Assert.Equal(secret, second.Services.GetRequiredService<TargetSecrets>().Unprotect(stored));
        Assert.DoesNotContain("very-secret", stored);
        await using var db = await fixture.Server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.DoesNotContain("very-secret", k.Xml));
        Assert.Equal("••••oken", TargetSecrets.Mask(secret));
        Assert.Equal("••••", TargetSecrets.Mask("short"));
    }

    [Fact]
    public async Task with_a_certificate_the_keys_themselves_are_stored_encrypted_and_another_instance_with_it_reads_the_secrets()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=HistoryGraph Data Protection", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"historygraph-dp-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-password"));
        try
        {
            var connectionString = await (await TestSupport.PostgresServer.SharedAsync()).CreateDatabaseAsync();
            string[] settings = [$"ConnectionStrings:History={connectionString}", $"DataProtection:CertificatePath={path}", "DataProtection:CertificatePassword=pfx-password"];
            string stored;
            await using (var first = await HistoryGraphServer.StartAsync(settings))
            {
                await PostgresServerFixture.WaitHealthyAsync(first);
                stored = first.Services.GetRequiredService<TargetSecrets>().Protect("xoxb-certificate-protected-token");
                await using var db = await first.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync();
                var key = Assert.Single(await db.DataProtectionKeys.ToListAsync());
                Assert.Contains("EncryptedData", key.Xml);
                Assert.DoesNotContain("<masterKey", key.Xml);
            }
            await using var second = await HistoryGraphServer.StartAsync(settings);
            Assert.Equal("xoxb-certificate-protected-token", second.Services.GetRequiredService<TargetSecrets>().Unprotect(stored));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
