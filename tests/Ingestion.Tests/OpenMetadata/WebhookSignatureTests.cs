using System.Security.Cryptography;
using System.Text;
using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.Ingestion.Tests.OpenMetadata;

public class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"eventType\":\"entityCreated\"}");
    private static readonly byte[][] Secrets = [Encoding.UTF8.GetBytes("s3cret")];

    private static string Base64Signature(byte[] body, string secret) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public void base64_hmac_of_the_raw_body_is_valid() =>
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Body, Base64Signature(Body, "s3cret"), Secrets));

    [Fact]
    public void sign_produces_what_openmetadata_sends() =>
        Assert.Equal(Base64Signature(Body, "s3cret"), WebhookSignature.Sign(Body, "s3cret"));

    [Fact]
    public void wrong_secret_is_a_mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Body, Base64Signature(Body, "other"), Secrets));

    [Fact]
    public void tampered_body_is_a_mismatch()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"eventType\":\"entityDeleted\"}");
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(tampered, Base64Signature(Body, "s3cret"), Secrets));
    }

    [Fact]
    public void a_single_changed_byte_of_whitespace_is_a_mismatch()
    {
        var reformatted = Encoding.UTF8.GetBytes("{ \"eventType\":\"entityCreated\"}");
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(reformatted, Base64Signature(Body, "s3cret"), Secrets));
    }

    [Fact]
    public void hex_digest_instead_of_base64_is_malformed()
    {
        var hex = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Body));
        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify(Body, hex, Secrets));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void missing_header_is_missing(string? header) =>
        Assert.Equal(SignatureCheck.Missing, WebhookSignature.Verify(Body, header, Secrets));

    [Theory]
    [InlineData("sha1=abc")]
    [InlineData("sha256=")]
    [InlineData("sha256=not base64!")]
    [InlineData("c2hhMjU2")]
    public void header_without_a_base64_sha256_digest_is_malformed(string header) =>
        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify(Body, header, Secrets));

    [Fact]
    public void any_of_several_secrets_is_accepted_during_rotation()
    {
        byte[][] secrets = [Encoding.UTF8.GetBytes("old"), Encoding.UTF8.GetBytes("new")];
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Body, Base64Signature(Body, "old"), secrets));
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Body, Base64Signature(Body, "new"), secrets));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Body, Base64Signature(Body, "retired"), secrets));
    }

    [Fact]
    public void secret_with_non_ascii_characters_is_used_as_utf8()
    {
        byte[][] secrets = [Encoding.UTF8.GetBytes("clé-секрет")];
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Body, Base64Signature(Body, "clé-секрет"), secrets));
    }
}
