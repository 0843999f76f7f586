using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.TrustedDocuments;

public sealed class TrustedDocumentGraphType : ObjectGraphType<TrustedDocument>
{
    public TrustedDocumentGraphType()
    {
        Name = "TrustedDocument";
        Description = "A document registered as trusted: requested by its id instead of its text.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("What a request sends as `documentId`: `sha256:` and the SHA-256 of the document's UTF-8 text.")
            .Resolve(c => "sha256:" + c.Source.Hash);
        Field(d => d.Document).Description("The document's text.");
        Field(d => d.OperationNames, nullable: true).Description("Its operations' names, comma-separated.");
        Field(d => d.RegisteredAt).Description("When it was first registered.");
        Field(d => d.RegisteredBy).Description("Who registered it first.");
    }
}
