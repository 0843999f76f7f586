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
        ["dataContract"] = "dataContracts",
        // Newer releases: tasks and announcements became versioned entities (the feed is gone in
        // 2.1), and the AI assets (MCP servers and their executions, agents, models) arrived.
        ["task"] = "tasks",
        ["announcement"] = "announcements",
        ["mcpServer"] = "mcpServers",
        ["mcpExecution"] = "mcpExecutions",
        ["mcpService"] = "services/mcpServices",
        ["aiApplication"] = "aiApplications",
        ["agentExecution"] = "agentExecutions",
        ["llmModel"] = "llmModels",
        ["promptTemplate"] = "promptTemplates",
        ["aiGovernancePolicy"] = "aiGovernancePolicies",
        ["llmService"] = "services/llmServices",
        ["driveService"] = "services/driveServices",
        ["securityService"] = "services/securityServices",
        ["directory"] = "drives/directories",
        ["file"] = "drives/files",
        ["spreadsheet"] = "drives/spreadsheets",
        ["worksheet"] = "drives/worksheets",
    };

    public static string? Of(string entityType) => ByType.GetValueOrDefault(entityType);

    public static IReadOnlyCollection<string> EntityTypes => ByType.Keys;
}
