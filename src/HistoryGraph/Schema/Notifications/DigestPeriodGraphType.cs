using GraphQL.Types;
using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Schema.Notifications;

public sealed class DigestPeriodGraphType : EnumerationGraphType<DigestPeriod>
{
    public DigestPeriodGraphType()
    {
        Name = "DigestPeriod";
        Description = "The period a digest reports.";
        Values["DAILY"]!.Description = "The day that ends when the schedule fires.";
        Values["WEEKLY"]!.Description = "The seven days that end when the schedule fires.";
        Values["CUSTOM"]!.Description = "A period given to `sendDigest`.";
    }
}
