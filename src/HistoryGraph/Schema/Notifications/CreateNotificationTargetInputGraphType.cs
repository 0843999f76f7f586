using GraphQL.Types;

namespace HistoryGraph.Schema.Notifications;

public sealed class CreateNotificationTargetInputGraphType : InputObjectGraphType
{
    public CreateNotificationTargetInputGraphType()
    {
        Name = "CreateNotificationTargetInput";
        Description = "A new notification target.";
        NotificationTargetInputFields.AddTo(this, creating: true);
    }
}
