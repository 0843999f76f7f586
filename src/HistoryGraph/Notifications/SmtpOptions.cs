namespace HistoryGraph.Notifications;

/// Section "Notifications:Smtp": the mail server EMAIL targets send through.
public sealed class SmtpOptions
{
    /// Empty: EMAIL targets cannot be made.
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// Auto (STARTTLS when offered; TLS from the start on port 465), StartTls, SslOnConnect or None.
    public string Security { get; set; } = "Auto";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    /// The sender address, e.g. `HistoryGraph <historygraph@example.com>`.
    public string From { get; set; } = "";
}
