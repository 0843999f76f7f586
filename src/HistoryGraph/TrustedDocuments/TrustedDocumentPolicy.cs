using GraphQL;
using GraphQL.DI;
using HistoryGraph.Access;
using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.TrustedDocuments;

/// Where trusted documents are enforced, a caller other than an admin that sends a document's
/// text instead of a trusted document's id is refused (DOCUMENT_ID_MISSING) before anything
/// parses it.
public sealed class TrustedDocumentPolicy(IOptions<TrustedDocumentsOptions> options) : IConfigureExecution
{
    public float SortOrder => -3;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (options.Value.Mode == TrustedDocumentMode.Enforce && execution.DocumentId is null
            && !(execution.UserContext.TryGetValue(Caller.ContextKey, out var value) && value is Caller caller && caller.May(AccessRole.Admin)))
        {
            // GraphQL.NET's code for a request without a document id.
            return Task.FromResult(new ExecutionResult(new ExecutionError(
                "This server runs only trusted documents for callers other than admins: send `documentId: \"sha256:<hash>\"` of a registered document.")
            {
                Code = "DOCUMENT_ID_MISSING",
            }));
        }
        return next(execution);
    }
}
