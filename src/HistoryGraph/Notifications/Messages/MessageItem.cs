namespace HistoryGraph.Notifications.Messages;

/// One line of a section: a lead in bold (a link when Url is given), plain detail after it, and
/// for a field change its values before and after, shown as code. All plain text: each platform
/// escapes it for its own markup.
public sealed record MessageItem(string Lead, string? Detail = null, string? Url = null, string? Old = null, string? New = null)
{
    /// Whether the line shows a value change.
    public bool HasValues => Old is not null || New is not null;
}
