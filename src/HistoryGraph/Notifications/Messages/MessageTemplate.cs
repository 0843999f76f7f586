using System.Collections.Concurrent;
using System.Globalization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace HistoryGraph.Notifications.Messages;

/// A target's Liquid template (Fluid): it renders the message text from the message's values,
/// each escaped for the platform's markup first (the template's own text is the author's
/// markup), within a bounded number of steps and without variables of its own, so that a template cannot
/// keep a sender busy or take its memory.
public sealed class MessageTemplate
{
    private static readonly FluidParser Parser = Stateless();
    private static readonly TemplateOptions Options = new() { MaxSteps = MaxSteps, MaxRecursion = 20, CultureInfo = CultureInfo.InvariantCulture };

    /// Statements and iterations a rendering may take: with values of at most a few hundred
    /// characters, a message of a few megabytes at most.
    public const int MaxSteps = 20_000;

    /// Liquid without the tags that keep state between iterations (assign, capture) or read
    /// files (include, render): a variable that doubles on each pass of a loop would take the
    /// server's memory in a few dozen steps, which MaxSteps cannot stop.
    private static FluidParser Stateless()
    {
        var parser = new FluidParser();
        foreach (var tag in new[] { "assign", "capture", "include", "render", "increment", "decrement", "cycle" })
            parser.RegisteredTags.Remove(tag);
        return parser;
    }
    private readonly IFluidTemplate _template;

    private MessageTemplate(IFluidTemplate template) => _template = template;

    /// Items a range such as (1..10) may hold. Fluid makes a range's items before a loop runs
    /// (MaxSteps counts only what the loop does), so a range is bounded here: literal numbers,
    /// at most this far apart.
    public const int MaxRangeItems = 1000;

    /// The template, or the parser's error.
    public static MessageTemplate Parse(string text) =>
        TryParse(text, out var template, out var error) ? template! : throw new FormatException(error);

    public static bool TryParse(string text, out string? error) => TryParse(text, out _, out error);

    /// Templates already read, by their text: a target's template is read once, not per message.
    private static readonly ConcurrentDictionary<string, MessageTemplate> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsed = 256;

    public static bool TryParse(string text, out MessageTemplate? template, out string? error)
    {
        error = null;
        if (Parsed.TryGetValue(text, out template))
            return true;
        if (!Parser.TryParse(text, out var parsed, out error))
            return false;
        var ranges = new Ranges();
        ranges.VisitTemplate(parsed);
        if (ranges.Problem is { } problem)
        {
            error = problem;
            return false;
        }
        template = new MessageTemplate(parsed);
        if (Parsed.Count >= MaxParsed)
            Parsed.Clear();
        Parsed[text] = template;
        return true;
    }

    /// Finds a range whose size is not known to be small.
    private sealed class Ranges : AstVisitor
    {
        public string? Problem { get; private set; }

        protected override Expression VisitRangeExpression(RangeExpression range)
        {
            if (Bound(range.From) is not { } from || Bound(range.To) is not { } to)
                Problem ??= "a range such as (1..10) must have numbers as its bounds.";
            else if (Math.Abs(to - from) >= MaxRangeItems)
                Problem ??= $"a range may hold at most {MaxRangeItems} items.";
            return base.VisitRangeExpression(range);
        }

        private static decimal? Bound(Expression expression) =>
            expression is LiteralExpression { Value: NumberValue number } ? number.ToNumberValue() : null;
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
