using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace HistoryGraph.Ingestion.Transparency;

/// An Ed25519 key of the C2SP signed-note format: a name, a 4-byte key hash (the first bytes of
/// SHA-256 of the name, a newline, the algorithm byte 0x01 and the public key), the public key,
/// and for a signer the private key. Written as a verifier key `<name>+<hash>+<base64(0x01 ||
/// public key)>`, or a signer key `PRIVATE+KEY+<name>+<hash>+<base64(0x01 || private key)>`.
public sealed class NoteKey
{
    private const byte Ed25519 = 0x01;
    private readonly Ed25519PrivateKeyParameters? _private;
    private readonly Ed25519PublicKeyParameters _public;

    private NoteKey(string name, Ed25519PublicKeyParameters publicKey, Ed25519PrivateKeyParameters? privateKey)
    {
        if (!IsValidName(name))
            throw new FormatException("A key name is non-empty and has no spaces, plus signs or control characters.");
        (Name, _public, _private) = (name, publicKey, privateKey);
        Hash = HashOf(name, publicKey.GetEncoded());
    }

    public string Name { get; }

    /// The key hash that names the key in signature lines.
    public uint Hash { get; }

    public byte[] PublicKey => _public.GetEncoded();

    public bool CanSign => _private is not null;

    public static NoteKey Generate(string name) =>
        FromPrivate(name, new Ed25519PrivateKeyParameters(new SecureRandom()));

    private static NoteKey FromPrivate(string name, Ed25519PrivateKeyParameters privateKey) => new(name, privateKey.GeneratePublicKey(), privateKey);

    /// `<name>+<hash>+<base64(0x01 || public key)>`.
    public string VerifierKey => $"{Name}+{Hash:x8}+{Convert.ToBase64String([Ed25519, .. PublicKey])}";

    /// `PRIVATE+KEY+<name>+<hash>+<base64(0x01 || private key)>`; only for a key that signs.
    public string SignerKey => _private is null
        ? throw new InvalidOperationException("A verifier key has no private key.")
        : $"PRIVATE+KEY+{Name}+{Hash:x8}+{Convert.ToBase64String([Ed25519, .. _private.GetEncoded()])}";

    /// A key as written (a signer key or a verifier key), its hash checked against its name and key.
    public static NoteKey Parse(string text)
    {
        var signer = text.StartsWith("PRIVATE+KEY+", StringComparison.Ordinal);
        var parts = (signer ? text["PRIVATE+KEY+".Length..] : text).Split('+', 3); // base64 has plus signs too
        if (parts.Length != 3 || parts[1].Length != 8 || !uint.TryParse(parts[1], System.Globalization.NumberStyles.HexNumber, null, out var hash))
            throw new FormatException("A key is <name>+<8 hex digits>+<base64 key>, a signer key with PRIVATE+KEY+ before it.");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("The key's last part is not base64.");
        }
        if (key.Length != 33 || key[0] != Ed25519)
            throw new FormatException("Only Ed25519 keys (algorithm 0x01, 32 bytes) are known.");
        var parsed = signer
            ? FromPrivate(parts[0], new Ed25519PrivateKeyParameters(key, 1))
            : new NoteKey(parts[0], new Ed25519PublicKeyParameters(key, 1), null);
        if (parsed.Hash != hash)
            throw new FormatException($"The key hash {parts[1]} is not that of key {parts[0]}.");
        return parsed;
    }

    /// The verifier of this key alone (no private key).
    public NoteKey Verifier => new(Name, _public, null);

    public byte[] Sign(byte[] message)
    {
        if (_private is null)
            throw new InvalidOperationException("A verifier key cannot sign.");
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public bool Verify(byte[] message, byte[] signature)
    {
        if (signature.Length != 64)
            return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, _public);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    /// No empty name, no Unicode spaces, no plus signs, no control characters.
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c));

    private static uint HashOf(string name, byte[] publicKey)
    {
        var digest = SHA256.HashData([.. Encoding.UTF8.GetBytes(name), (byte)'\n', Ed25519, .. publicKey]);
        return (uint)(digest[0] << 24 | digest[1] << 16 | digest[2] << 8 | digest[3]);
    }
}
