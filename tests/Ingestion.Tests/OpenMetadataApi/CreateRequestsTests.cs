using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadataApi;

namespace HistoryGraph.Ingestion.Tests.OpenMetadataApi;

/// Create requests made from entity snapshots hold only the fields OpenMetadata's create
/// schemas accept, with references turned into the names and id/type pairs they take.
public sealed class CreateRequestsTests
{
    [Fact]
    public void a_table_is_recreated_in_its_schema_with_columns_tags_and_owners_and_nothing_read_only()
    {
        var snapshot = JsonNode.Parse("""
            {"id":"3f6a2b10-7c1d-4e2f-9a3b-4c5d6e7f8091","name":"orders.v2","fullyQualifiedName":"mysql_prod.shop.public.\"orders.v2\"",
             "version":0.4,"updatedAt":1790000300000,"updatedBy":"jane","deleted":true,"href":"http://om/api/v1/tables/3f6a",
             "description":"Orders","tableType":"Regular",
             "databaseSchema":{"id":"11111111-1111-1111-1111-111111111111","type":"databaseSchema","name":"public","fullyQualifiedName":"mysql_prod.shop.public"},
             "database":{"id":"22222222-2222-2222-2222-222222222222","type":"database","fullyQualifiedName":"mysql_prod.shop"},
             "service":{"id":"33333333-3333-3333-3333-333333333333","type":"databaseService","fullyQualifiedName":"mysql_prod"},
             "owners":[{"id":"44444444-4444-4444-4444-444444444444","type":"user","name":"jane","href":"http://om/api/v1/users/4444","deleted":false}],
             "tags":[{"tagFQN":"PII.Sensitive","source":"Classification","labelType":"Manual","state":"Confirmed","href":"http://om/t","style":{}}],
             "columns":[{"name":"id","dataType":"INT","fullyQualifiedName":"x.id","profile":{"nullCount":0}},
                        {"name":"a.b","dataType":"STRUCT","tags":[{"tagFQN":"T.x","source":"Classification","labelType":"Manual","state":"Confirmed","href":"h"}],
                         "children":[{"name":"c","dataType":"INT","fullyQualifiedName":"x.a.b.c"}]}],
             "followers":[],"votes":{"upVotes":1},"changeDescription":{"fieldsAdded":[]},"usageSummary":{},"domain":{"id":"5","type":"domain","fullyQualifiedName":"Sales"}}
            """)!.AsObject();

        var request = CreateRequests.For("table", snapshot)!;

        Assert.Equal(["name", "description", "tableType", "columns", "databaseSchema", "tags", "owners", "domain"], request.Select(p => p.Key));
        Assert.Equal("mysql_prod.shop.public", (string?)request["databaseSchema"]);
        Assert.Equal("Sales", (string?)request["domain"]);
        Assert.Equal("""[{"id":"44444444-4444-4444-4444-444444444444","type":"user"}]""", request["owners"]!.ToJsonString());
        Assert.Equal("""[{"tagFQN":"PII.Sensitive","source":"Classification","labelType":"Manual","state":"Confirmed"}]""", request["tags"]!.ToJsonString());
        Assert.Equal("""[{"name":"id","dataType":"INT"},{"name":"a.b","dataType":"STRUCT","tags":[{"tagFQN":"T.x","source":"Classification","labelType":"Manual","state":"Confirmed"}],"children":[{"name":"c","dataType":"INT"}]}]""",
            request["columns"]!.ToJsonString());
    }

    [Fact]
    public void references_become_names_and_an_older_release_keeps_its_single_owner()
    {
        var dashboard = JsonNode.Parse("""
            {"name":"sales","service":{"id":"1","type":"dashboardService","fullyQualifiedName":"looker"},
             "charts":[{"id":"2","type":"chart","fullyQualifiedName":"looker.revenue"},{"id":"3","type":"chart","fullyQualifiedName":"looker.\"a.b\""}],
             "owner":{"id":"4","type":"team","name":"analysts"},"sourceUrl":"http://looker/1","usageSummary":{"dailyStats":{}}}
            """)!.AsObject();

        var request = CreateRequests.For("dashboard", dashboard)!;

        Assert.Equal("""{"name":"sales","sourceUrl":"http://looker/1","service":"looker","charts":["looker.revenue","looker.\u0022a.b\u0022"],"owner":{"id":"4","type":"team"}}""",
            request.ToJsonString());
    }

    [Fact]
    public void a_glossary_term_names_its_glossary_parent_and_related_terms()
    {
        var term = JsonNode.Parse("""
            {"name":"Revenue","description":"Money in","glossary":{"id":"1","type":"glossary","name":"Finance","fullyQualifiedName":"Finance"},
             "parent":{"id":"2","type":"glossaryTerm","fullyQualifiedName":"Finance.Income"},"synonyms":["Turnover"],
             "relatedTerms":[{"id":"3","type":"glossaryTerm","fullyQualifiedName":"Finance.Sales"}],
             "reviewers":[{"id":"5","type":"user","name":"ann"}],"children":[{"id":"6","type":"glossaryTerm"}],"status":"Approved"}
            """)!.AsObject();

        var request = CreateRequests.For("glossaryTerm", term)!;

        Assert.Equal("""{"name":"Revenue","description":"Money in","synonyms":["Turnover"],"glossary":"Finance","parent":"Finance.Income","relatedTerms":["Finance.Sales"],"reviewers":[{"id":"5","type":"user"}]}""",
            request.ToJsonString());
    }

    [Fact]
    public void types_without_a_rule_have_no_request() => Assert.Null(CreateRequests.For("spaceship", new JsonObject { ["name"] = "x" }));
}
