namespace HistoryGraph.Admin;

public enum AdminDecision
{
    Allowed,
    /// No key presented while admin keys are configured.
    NotAuthenticated,
    /// A key that is not an admin key.
    NotAuthorized,
    /// No admin keys are configured (outside Development).
    Disabled,
}
