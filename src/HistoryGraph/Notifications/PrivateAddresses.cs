using System.Net;
using System.Net.Sockets;

namespace HistoryGraph.Notifications;

/// Addresses a notification must not reach unless Notifications:AllowPrivateNetworks says so:
/// this host (loopback, unspecified), private and shared networks, link-local (which holds the
/// clouds' metadata services at 169.254.169.254 and fd00:ec2::254), multicast and reserved ranges,
/// and IPv6 forms that carry such an IPv4 address (mapped, NAT64, 6to4).
public static class PrivateAddresses
{
    private static readonly (byte[] Prefix, int Bits)[] V4 =
    [
        ([0, 0, 0, 0], 8),        // "this network", 0.0.0.0
        ([10, 0, 0, 0], 8),
        ([100, 64, 0, 0], 10),    // carrier-grade NAT
        ([127, 0, 0, 0], 8),
        ([169, 254, 0, 0], 16),   // link-local, cloud metadata
        ([172, 16, 0, 0], 12),
        ([192, 0, 0, 0], 24),     // IETF protocol assignments
        ([192, 0, 2, 0], 24),     // documentation
        ([192, 168, 0, 0], 16),
        ([198, 18, 0, 0], 15),    // benchmarking
        ([198, 51, 100, 0], 24),  // documentation
        ([203, 0, 113, 0], 24),   // documentation
        ([224, 0, 0, 0], 4),      // multicast
        ([240, 0, 0, 0], 4),      // reserved, broadcast
    ];

    private static readonly (byte[] Prefix, int Bits)[] V6 =
    [
        (new byte[16], 128),                                  // ::
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128), // ::1
        ([0xfc, 0], 7),                                       // unique local (fd00:ec2::254 included)
        ([0xfe, 0x80], 10),                                   // link-local
        ([0xfe, 0xc0], 10),                                   // site-local (deprecated)
        ([0xff, 0], 8),                                       // multicast
        ([0x20, 0x01, 0x0d, 0xb8], 32),                       // documentation
    ];

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return IsPrivate(address.MapToIPv4());
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return V4.Any(range => Matches(bytes, range.Prefix, range.Bits));
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return true;
        if (V6.Any(range => Matches(bytes, range.Prefix, range.Bits)))
            return true;
        // 64:ff9b::/96 (NAT64) and ::/96 (IPv4-compatible) end in an IPv4 address; 2002::/16
        // (6to4) carries one after its prefix.
        if (Matches(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96) || Matches(bytes, new byte[12], 96))
            return IsPrivate(new IPAddress(bytes[12..16]));
        if (Matches(bytes, [0x20, 0x02], 16))
            return IsPrivate(new IPAddress(bytes[2..6]));
        return false;
    }

    private static bool Matches(byte[] address, byte[] prefix, int bits)
    {
        for (var i = 0; i < bits; i++)
        {
            var bit = 7 - i % 8;
            var wanted = i / 8 < prefix.Length ? (prefix[i / 8] >> bit) & 1 : 0;
            if (((address[i / 8] >> bit) & 1) != wanted)
                return false;
        }
        return true;
    }
}
