using Microsoft.Extensions.Options;

namespace HistoryGraph.Ingestion.Payloads;

/// Refuses to start with settings that would train on too little or never stop retraining.
public sealed class PayloadOptionsValidation : IValidateOptions<PayloadOptions>
{
    public ValidateOptionsResult Validate(string? name, PayloadOptions o)
    {
        var section = PayloadOptions.Section;
        var problem =
            o.TrainAfterEvents < 100 ? $"{section}:TrainAfterEvents must be at least 100."
            : o.SampleEvents < 100 ? $"{section}:SampleEvents must be at least 100."
            : o.DictionaryBytes is < 4096 or > 1024 * 1024 ? $"{section}:DictionaryBytes must be between 4096 and 1048576."
            : o.RetrainWhenLarger <= 1 ? $"{section}:RetrainWhenLarger must be greater than 1."
            : o.RetrainAfterEvents < o.TrainAfterEvents ? $"{section}:RetrainAfterEvents must be at least TrainAfterEvents."
            : o.CheckIntervalSeconds <= 0 ? $"{section}:CheckIntervalSeconds must be positive."
            : null;
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
