using System.Net;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Events;

/// Changes an agent made for a person (`impersonatedBy`, sent by OpenMetadata's newer releases):
/// stored with the event, filterable and sortable, and listed on the person as `changesOnBehalf`.
public abstract class ImpersonationTests(HistoryGraphServer server)
{
    [Fact]
    public async Task changes_made_by_an_agent_for_a_person_are_found_by_either_name()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (alice, agent) = ($"alice-{suffix}", $"mcp-agent-{suffix}");
        var byAgent = OmEvent.Created(Guid.NewGuid(), $"agents.db.s.a{suffix}") with { UserName = agent, ImpersonatedBy = alice };
        var direct = byAgent.Next().Set("description", "by hand") with { UserName = alice, ImpersonatedBy = null };
        var forOther = OmEvent.Created(Guid.NewGuid(), $"agents.db.s.b{suffix}") with { UserName = agent, ImpersonatedBy = $"bob-{suffix}" };
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(byAgent, direct, forOther))).StatusCode);

        var filtered = (await server.QueryAsync($$"""{ events(where: { impersonatedBy: { eq: "{{alice}}" } }) { nodes { eventId userName impersonatedBy } } }"""))
            .GetProperty("events").GetProperty("nodes");
        var only = Assert.Single(filtered.EnumerateArray());
        Assert.Equal((byAgent.Id, agent, alice), (only.GetProperty("eventId").GetString(), only.GetProperty("userName").GetString(), only.GetProperty("impersonatedBy").GetString()));

        var sorted = (await server.QueryAsync($$"""{ events(where: { userName: { eq: "{{agent}}" } }, order: [{ impersonatedBy: DESC }]) { nodes { impersonatedBy } } }"""))
            .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("impersonatedBy").GetString()).ToList();
        Assert.Equal([$"bob-{suffix}", alice], sorted);

        var user = (await server.QueryAsync($$"""{ user(name: "{{alice}}") { changes { nodes { eventId } } changesOnBehalf { nodes { eventId userName } } } }""")).GetProperty("user");
        Assert.Equal([direct.Id], user.GetProperty("changes").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("eventId").GetString()));
        Assert.Equal([byAgent.Id], user.GetProperty("changesOnBehalf").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("eventId").GetString()));
    }
}

public sealed class SqliteImpersonationTests(SqliteServerFixture fixture) : ImpersonationTests(fixture.Server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresImpersonationTests(PostgresServerFixture fixture) : ImpersonationTests(fixture.Server), IClassFixture<PostgresServerFixture>;
