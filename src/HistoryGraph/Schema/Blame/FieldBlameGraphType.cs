using GraphQL.Types;
using HistoryGraph.Schema.Events;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Users;
using HistoryGraph.Schema.Versions;

namespace HistoryGraph.Schema.Blame;

public sealed class FieldBlameGraphType : ObjectGraphType<FieldBlame>
{
    public FieldBlameGraphType()
    {
        Name = "FieldBlame";
        Description = "One field of an entity at a version, with the version, user and event that gave it its value.";
        Field<NonNullGraphType<StringGraphType>>("path").Description("OpenMetadata's field path, e.g. description, tier, columns.\"a.b\".dataType.").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<StringGraphType>>("field").Description("The last part of the path, e.g. description.").Resolve(c => c.Source.Field);
        Field<StringGraphType>("column").Description("The column the path points into, if any.").Resolve(c => c.Source.Column);
        Field<JsonGraphType>("value").Description("The value at the version asked about (tags without the tier, which is its own field).").Resolve(c => JsonText.Parse(c.Source.ValueJson));
        Field<StringGraphType>("changedBy").Description("Who set the value.").Resolve(c => c.Source.SetIn.ChangedBy);
        Field<NonNullGraphType<DateTimeGraphType>>("changedAt").Description("When the value was set.").Resolve(c => c.Source.SetIn.ChangedAt);
        Field<NonNullGraphType<DecimalGraphType>>("version").Description("The version that set the value: the earliest of the versions since which it has not changed.").Resolve(c => c.Source.SetIn.Version);
        Field<NonNullGraphType<LongGraphType>>("eventSequence").Description("Sequence of the event that made that version.").Resolve(c => c.Source.SetIn.EventSequence);
        Field<NonNullGraphType<EntityVersionGraphType>>("setIn").Description("The version that set the value.").Resolve(c => c.Source.SetIn);
        Field<ChangeEventGraphType>("event").Description("The event that made that version.").Resolve(c => c.Loaders().Events.Load(c.Source.SetIn.EventSequence));
        Field<UserGraphType>("user").Description("The user or bot that set the value.").Resolve(c => c.Source.SetIn.ChangedBy is { } name ? c.Loaders().Users.Load(name) : null);
    }
}
