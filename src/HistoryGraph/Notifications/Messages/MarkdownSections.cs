using System.Text;

namespace HistoryGraph.Notifications.Messages;

/// A message's sections as lines of a platform's markdown, within a budget of characters:
/// each heading, then as many of its items as fit, then a line saying how many were left out
/// (room for it is kept). Discord's description and Telegram's text are written this way.
public static class MarkdownSections
{
    /// Characters kept for the line saying how many more there are.
    private const int MoreLineRoom = 40;

    public static void Append(StringBuilder text, IEnumerable<MessageSection> sections, int max,
        Func<string, string> heading, Func<MessageItem, string> line, Func<string, string> escape)
    {
        foreach (var section in sections)
        {
            var header = "\n\n" + heading(section.Heading);
            if (text.Length + header.Length > max)
                break;
            text.Append(header);
            var shown = 0;
            foreach (var item in section.Items)
            {
                var next = "\n" + line(item);
                var left = section.More + section.Items.Count - shown - 1;
                if (text.Length + next.Length + (left > 0 ? MoreLineRoom : 0) > max)
                    break;
                text.Append(next);
                shown++;
            }
            var more = section.More + section.Items.Count - shown;
            var moreLine = "\n" + escape($"…and {EventNotice.Count(more, "more")}");
            if (more > 0 && text.Length + moreLine.Length <= max)
                text.Append(moreLine);
        }
    }
}
