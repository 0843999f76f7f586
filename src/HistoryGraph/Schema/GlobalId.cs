using System.Text;

namespace HistoryGraph.Schema;

/// Hot Chocolate's global ids: Base64 of "<TypeName>:<key>", opaque to clients.
public static class GlobalId
{
    public static string Encode(string typeName, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{key}"));

    public static bool TryDecode(string id, out string typeName, out string key)
    {
        (typeName, key) = ("", "");
        Span<byte> bytes = stackalloc byte[Math.Min(id.Length, 512)];
        if (id.Length > 512 || !Convert.TryFromBase64String(id, bytes, out var length))
            return false;
        var text = Encoding.UTF8.GetString(bytes[..length]);
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return false;
        (typeName, key) = (text[..colon], text[(colon + 1)..]);
        return true;
    }
}
