using System.Globalization;

namespace HistoryGraph.Transparency;

/// A tile's address as C2SP tlog-tiles writes it: `<L>/<N>[.p/<W>]`, where N is the tile index in
/// groups of three digits, all but the last with an `x` before them (1234067 is x001/x234/067),
/// and `.p/<W>` asks for the first W hashes of a tile not yet full.
public sealed record TilePath(int Level, long Index, int? Width)
{
    public static TilePath? Parse(string level, string rest)
    {
        if (!int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var tileLevel) || tileLevel > 63 || level.Length > 2)
            return null;
        int? width = null;
        var partial = rest.IndexOf(".p/", StringComparison.Ordinal);
        if (partial >= 0)
        {
            var w = rest[(partial + 3)..];
            if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 255 || w != parsed.ToString(CultureInfo.InvariantCulture))
                return null;
            width = parsed;
            rest = rest[..partial];
        }
        var groups = rest.Split('/');
        long index = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var last = i == groups.Length - 1;
            if (!last && (group.Length != 4 || group[0] != 'x'))
                return null;
            var digits = last ? group : group[1..];
            if (digits.Length != 3 || !digits.All(char.IsAsciiDigit) || index > long.MaxValue / 1000)
                return null;
            index = index * 1000 + int.Parse(digits, CultureInfo.InvariantCulture);
        }
        return new TilePath(tileLevel, index, width);
    }

    public override string ToString()
    {
        var digits = Index.ToString(CultureInfo.InvariantCulture);
        digits = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        var groups = Enumerable.Range(0, digits.Length / 3).Select(i => digits.Substring(i * 3, 3)).ToList();
        var path = string.Join('/', groups.Take(groups.Count - 1).Select(g => "x" + g).Append(groups[^1]));
        return $"{Level}/{path}" + (Width is { } w ? $".p/{w}" : "");
    }
}
