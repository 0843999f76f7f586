using System.Text;
using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// Platforms that cap a message in bytes (Teams, Google Chat): the message is made with every
/// item, then with fewer, a quarter fewer each time, until it fits (the rest are counted in it).
public static class ByteBudget
{
    public static JsonObject Fit(int items, int maxBytes, Func<int, JsonObject> make)
    {
        while (true)
        {
            var message = make(items);
            if (items == 0 || Encoding.UTF8.GetByteCount(message.ToJsonString()) <= maxBytes)
                return message;
            items = items * 3 / 4;
        }
    }
}
