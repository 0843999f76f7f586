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
}
