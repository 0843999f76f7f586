using System.Globalization;
using Fluid;

namespace HistoryGraph.Notifications.Messages;

/// A target's Liquid template (Fluid): it renders the message text from the message's values,
/// each escaped for the platform's markup first (the template's own text is the author's
/// markup), within a bounded number of steps, so that a template cannot keep a sender busy.
public sealed class MessageTemplate
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new() { MaxSteps = 100_000, MaxRecursion = 20, CultureInfo = CultureInfo.InvariantCulture };
    private readonly IFluidTemplate _template;

    private MessageTemplate(IFluidTemplate template) => _template = template;

    /// The template, or the parser's error.
    public static MessageTemplate Parse(string text) =>
        Parser.TryParse(text, out var template, out var error) ? new MessageTemplate(template) : throw new FormatException(error);

    public static bool TryParse(string text, out string? error)
    {
        var parsed = Parser.TryParse(text, out _, out error);
        return parsed;
    }

    /// The text for a message; `escape` makes a value safe in the platform's markup.
    public string Render(MessageDocument document, Func<string, string> escape)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in Model(document, escape))
            context.SetValue(name, value);
        return _template.Render(context, NullEncoder.Default, isolateContext: false).Trim();
    }

    private static Dictionary<string, object?> Model(MessageDocument document, Func<string, string> escape)
    {
        string? E(string? value) => value is null ? null : escape(value);
        var sections = document.Sections.Select(s => new Dictionary<string, object?>
        {
            ["heading"] = E(s.Heading),
            ["more"] = s.More,
            ["items"] = s.Items.Select(i => new Dictionary<string, object?>
            {
                ["lead"] = E(i.Lead),
                ["path"] = E(i.Lead),
                ["detail"] = E(i.Detail),
                ["url"] = E(i.Url),
                ["old"] = E(i.Old),
                ["new"] = E(i.New),
            }).ToList(),
        }).ToList();
        return new Dictionary<string, object?>
        {
            ["title"] = E(document.Title),
            ["summary"] = E(document.Summary),
            ["link"] = E(document.Link),
            ["timestamp"] = document.Timestamp.ToString("O", CultureInfo.InvariantCulture),
            ["footer"] = E(document.Footer),
            ["facts"] = document.Facts.Select(f => new Dictionary<string, object?> { ["label"] = E(f.Label), ["value"] = E(f.Value) }).ToList(),
            ["sections"] = sections,
            ["changes"] = sections.FirstOrDefault(s => Equals(s["heading"], E("Changes")))?["items"] ?? new List<Dictionary<string, object?>>(),
            [document.ModelName] = document.Values.ToDictionary(v => v.Key, v => (object?)E(v.Value)),
        };
    }
}
