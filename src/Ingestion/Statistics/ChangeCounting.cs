using System.Collections.Frozen;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Statistics;

/// The dimension values one stored event counts under, and the spans it is counted in, as the
/// rollup and the statistics that count events directly both spell them.
public static class ChangeCounting
{
    public static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    public static DateTime QuarterOf(DateTime utc) => StartOf(utc, ChangeCountSpan.Quarter);

    public static TimeSpan LengthOf(ChangeCountSpan span) => span switch
    {
        ChangeCountSpan.Quarter => Quarter,
        ChangeCountSpan.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    /// The start of the span an instant falls in.
    public static DateTime StartOf(DateTime utc, ChangeCountSpan span) =>
        new(utc.Ticks - utc.Ticks % LengthOf(span).Ticks, DateTimeKind.Utc);

    public static bool IsStartOf(DateTime utc, ChangeCountSpan span) => utc.Ticks % LengthOf(span).Ticks == 0;

    /// The spans a dimension is counted in: UTC days, and quarter hours for the dimensions of
    /// few values. Users and services have many: per quarter hour they would make the rollup as
    /// large as the events it summarises, so they are counted per hour (a zone whose offset is
    /// not whole hours counts them from the events).
    public static IReadOnlyList<ChangeCountSpan> SpansOf(ChangeCountDimension dimension) =>
        dimension is ChangeCountDimension.User or ChangeCountDimension.Service ? HourAndDay : QuarterAndDay;

    /// The shortest span a dimension is counted in: the rollup answers ranges cut on it.
    public static ChangeCountSpan FinestSpanOf(ChangeCountDimension dimension) => SpansOf(dimension)[0];

    private static readonly ChangeCountSpan[] QuarterAndDay = [ChangeCountSpan.Quarter, ChangeCountSpan.Day];
    private static readonly ChangeCountSpan[] HourAndDay = [ChangeCountSpan.Hour, ChangeCountSpan.Day];

    public static string CategoryKey(FieldCategory category) => Keys<FieldCategory>.Of[category];

    public static string SemanticKey(SemanticChange change) => Keys<SemanticChange>.Of[change];

    public static string BotKey(bool isBot) => isBot ? "true" : "false";

    /// Who made a change: an agent when OpenMetadata names one the change went through
    /// (`impersonatedBy`), else a bot or a person by the user's flag; none (null) without a user,
    /// as the user dimension counts an empty name as none.
    public static ActorKind? ActorKindOf(string? userName, bool isBot, string? impersonatedBy) =>
        impersonatedBy is not null ? ActorKind.Agent
        : string.IsNullOrEmpty(userName) ? null
        : isBot ? ActorKind.Bot : ActorKind.Human;

    public static string? ActorKindKey(ActorKind? kind) => kind is { } k ? Keys<ActorKind>.Of[k] : null;

    // Each value's key made once: the writer asks for several per stored event.
    private static class Keys<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Of = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => ModelBuilding.ToUpperSnake(v.ToString()));
    }

    /// Every (dimension, key) of the rollup the event counts under; none is the empty key.
    public static IEnumerable<(ChangeCountDimension Dimension, string Key)> KeysOf(
        string eventType, string entityType, string? userName, string? impersonatedBy, string? service, bool isBot, SemanticChange semanticChange,
        IEnumerable<FieldCategory> categories)
    {
        yield return (ChangeCountDimension.Total, "");
        yield return (ChangeCountDimension.EventType, eventType);
        yield return (ChangeCountDimension.EntityType, entityType);
        yield return (ChangeCountDimension.User, userName ?? "");
        yield return (ChangeCountDimension.Service, service ?? "");
        yield return (ChangeCountDimension.SemanticChange, SemanticKey(semanticChange));
        yield return (ChangeCountDimension.IsBot, BotKey(isBot));
        yield return (ChangeCountDimension.ActorKind, ActorKindKey(ActorKindOf(userName, isBot, impersonatedBy)) ?? "");
        foreach (var category in categories.Distinct())
            yield return (ChangeCountDimension.Category, CategoryKey(category));
    }
}
