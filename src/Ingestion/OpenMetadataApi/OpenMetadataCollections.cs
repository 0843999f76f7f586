namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// Where each entity type lives in OpenMetadata's REST API (`/v1/<collection>`), as its
/// resources declare them.
public static class OpenMetadataCollections
{
    private static readonly Dictionary<string, string> ByType = new(StringComparer.Ordinal)
    {
        ["table"] = "tables",
        ["database"] = "databases",
        ["databaseSchema"] = "databaseSchemas",
        ["storedProcedure"] = "storedProcedures",
        ["query"] = "queries",
        ["dashboard"] = "dashboards",
        ["chart"] = "charts",
        ["dashboardDataModel"] = "dashboard/datamodels",
        ["pipeline"] = "pipelines",
        ["topic"] = "topics",
        ["mlmodel"] = "mlmodels",
        ["container"] = "containers",
        ["searchIndex"] = "searchIndexes",
        ["apiCollection"] = "apiCollections",
        ["apiEndpoint"] = "apiEndpoints",
        ["metric"] = "metrics",
        ["glossary"] = "glossaries",
        ["glossaryTerm"] = "glossaryTerms",
        ["classification"] = "classifications",
        ["tag"] = "tags",
        ["domain"] = "domains",
        ["dataProduct"] = "dataProducts",
        ["user"] = "users",
        ["team"] = "teams",
        ["role"] = "roles",
        ["policy"] = "policies",
        ["persona"] = "personas",
        ["bot"] = "bots",
        ["testCase"] = "dataQuality/testCases",
        ["testSuite"] = "dataQuality/testSuites",
        ["ingestionPipeline"] = "services/ingestionPipelines",
        ["databaseService"] = "services/databaseServices",
        ["dashboardService"] = "services/dashboardServices",
        ["pipelineService"] = "services/pipelineServices",
        ["messagingService"] = "services/messagingServices",
        ["mlmodelService"] = "services/mlmodelServices",
        ["storageService"] = "services/storageServices",
        ["searchService"] = "services/searchServices",
        ["metadataService"] = "services/metadataServices",
        ["apiService"] = "services/apiServices",
    };

    public static string? Of(string entityType) => ByType.GetValueOrDefault(entityType);

    public static IReadOnlyCollection<string> EntityTypes => ByType.Keys;
}
