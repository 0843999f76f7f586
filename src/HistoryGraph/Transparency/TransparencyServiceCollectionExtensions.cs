using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Transparency;

public static class TransparencyServiceCollectionExtensions
{
    /// The signing keys, checkpoints and the verifier, for the server and the commands.
    public static IServiceCollection AddTransparency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TransparencyOptions>().Bind(configuration.GetSection(TransparencyOptions.Section))
            .Validate(o => o.CheckpointEvents >= 1, "Transparency:CheckpointEvents must be at least 1.")
            .Validate(o => o.CheckpointMinutes > 0, "Transparency:CheckpointMinutes must be more than 0.")
            .Validate(o => o.CheckIntervalSeconds > 0, "Transparency:CheckIntervalSeconds must be more than 0.")
            .Validate(o => KeyProblem(o) is null, "Transparency:SigningKey (or SigningKeyFile) and TrustedKeys must be C2SP note keys: a signer key PRIVATE+KEY+<name>+<hash>+<key>, verifier keys <name>+<hash>+<key>.")
            .Validate(o => o.Origin is null || (o.Origin.Length > 0 && !o.Origin.Any(char.IsControl)), "Transparency:Origin must be one line of text.")
            .ValidateOnStart();
        services.AddSingleton<LogKeys>();
        services.AddSingleton<Checkpoints>();
        services.AddSingleton<HistoryVerifier>();
        services.AddSingleton<Proofs>();
        return services;
    }

    /// The checkpoints made while the server runs.
    public static IServiceCollection AddCheckpointSchedule(this IServiceCollection services)
    {
        services.AddHostedService<CheckpointSchedule>();
        return services;
    }

    private static string? KeyProblem(TransparencyOptions options)
    {
        try
        {
            LogKeys.Configured(options);
            foreach (var key in options.TrustedKeys)
                NoteKey.Parse(key.Trim());
            return null;
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }
}
