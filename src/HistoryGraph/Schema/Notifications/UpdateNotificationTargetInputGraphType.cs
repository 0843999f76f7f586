using GraphQL.Types;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Notifications;

public sealed class UpdateNotificationTargetInputGraphType : InputObjectGraphType
{
    public UpdateNotificationTargetInputGraphType()
    {
        Name = "UpdateNotificationTargetInput";
        Description = "Changes to a notification target: each field given replaces its value (null clears an optional one), each left out keeps it.";
        Field<NonNullGraphType<UuidGraphType>>("targetId").Description("The target to change.");
        NotificationTargetInputFields.AddTo(this, creating: false);
    }
}
