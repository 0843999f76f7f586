using System.Security.Cryptography;
using System.Text;

namespace HistoryGraph.Access;

/// The text of an API key: `hg_<id>_<secret>`. The prefix makes a leaked key recognisable (and
/// findable by secret scanners), the id (12 characters of base32, 60 bits) names the key in
/// logs and lists, the secret (32 random bytes, base64url) is what makes it a key.
public static class ApiKeyText
{
    public const string Prefix = "hg_";
    private const int IdLength = 12;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// A new key and its id.
    public static (string Id, string Key) New()
    {
        var id = string.Create(IdLength, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = IdAlphabet[RandomNumberGenerator.GetInt32(IdAlphabet.Length)];
        });
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// The id of a presented key of this shape, or null for anything else.
    public static string? IdOf(string presented)
    {
        if (presented.Length != Prefix.Length + IdLength + 1 + 43 || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented[Prefix.Length + IdLength] != '_')
            return null;
        var id = presented.Substring(Prefix.Length, IdLength);
        return id.All(c => IdAlphabet.Contains(c)) ? id : null;
    }

    /// Whether a string has the shape of an id (so that a lookup by it can be refused early).
    public static bool IsId(string id) => id.Length == IdLength && id.All(c => IdAlphabet.Contains(c));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool Matches(byte[] hash, string presented) => CryptographicOperations.FixedTimeEquals(hash, Hash(presented));
}
