using System.Net;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Events;

/// Changes a bot or AI agent made for a person (OpenMetadata's newer releases send the person as
/// `userName` and the agent as `impersonatedBy`): stored with the event and the version,
/// filterable and sortable, and listed on the person (`changesOnBehalf`) and on the agent
/// (`changesAsAgent`).
public abstract class ImpersonationTests(HistoryGraphServer server)
{
    [Fact]
    public async Task changes_made_by_an_agent_for_a_person_are_found_from_either_side()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (alice, bob, agent) = ($"alice-{suffix}", $"bob-{suffix}", $"mcp-agent-{suffix}");
        var byAgent = OmEvent.Created(Guid.NewGuid(), $"agents.db.s.a{suffix}") with { UserName = alice, ImpersonatedBy = agent };
        var direct = byAgent.Next().Set("description", "by hand") with { UserName = alice, ImpersonatedBy = null };
        var forOther = OmEvent.Created(Guid.NewGuid(), $"agents.db.s.b{suffix}") with { UserName = bob, ImpersonatedBy = agent };
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(byAgent, direct, forOther))).StatusCode);

        var filtered = (await server.QueryAsync($$"""{ events(where: { impersonatedBy: { eq: "{{agent}}" } }, order: [{ userName: ASC }]) { nodes { eventId userName impersonatedBy } } }"""))
            .GetProperty("events").GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("eventId").GetString(), n.GetProperty("userName").GetString(), n.GetProperty("impersonatedBy").GetString()));
        Assert.Equal([(byAgent.Id, alice, agent), (forOther.Id, bob, agent)], filtered);

        var sorted = (await server.QueryAsync($$"""{ events(where: { userName: { eq: "{{alice}}" } }, order: [{ impersonatedBy: DESC }, { timestamp: ASC }]) { nodes { impersonatedBy } } }"""))
            .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("impersonatedBy").GetString()).ToList();
        Assert.Contains(null, sorted);
        Assert.Contains(agent, sorted);
        Assert.Equal(2, sorted.Count);

        // The person: every change theirs, and which of them an agent made.
        var person = (await server.QueryAsync($$"""{ user(name: "{{alice}}") { isBot changes { totalCount } changesOnBehalf { nodes { eventId impersonatedBy } } } }""")).GetProperty("user");
        Assert.False(person.GetProperty("isBot").GetBoolean());
        Assert.Equal(2, person.GetProperty("changes").GetProperty("totalCount").GetInt32());
        Assert.Equal([(byAgent.Id, agent)], person.GetProperty("changesOnBehalf").GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("eventId").GetString(), n.GetProperty("impersonatedBy").GetString())));

        // The agent: a bot (only bots act for people), with what it did for whom.
        var bot = (await server.QueryAsync($$"""{ user(name: "{{agent}}") { isBot changes { totalCount } changesAsAgent(order: [{ userName: ASC }]) { nodes { userName } } } }""")).GetProperty("user");
        Assert.True(bot.GetProperty("isBot").GetBoolean());
        Assert.Equal(0, bot.GetProperty("changes").GetProperty("totalCount").GetInt32());
        Assert.Equal([alice, bob], bot.GetProperty("changesAsAgent").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("userName").GetString()));

        // The version the agent made says so; the one alice made by hand does not.
        var versions = (await server.QueryAsync($$"""{ versions(where: { fqn: { eq: "agents.db.s.a{{suffix}}" } }, order: [{ version: ASC }]) { nodes { version changedBy impersonatedBy } } }"""))
            .GetProperty("versions").GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("version").GetDecimal(), n.GetProperty("changedBy").GetString(), n.GetProperty("impersonatedBy").GetString())).ToList();
        Assert.Equal([(0.1m, alice, agent), (0.2m, alice, null)], versions);
        var agentVersions = (await server.QueryAsync($$"""{ versions(where: { impersonatedBy: { eq: "{{agent}}" } }) { totalCount } }""")).GetProperty("versions");
        Assert.Equal(2, agentVersions.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task an_agent_named_only_by_the_entity_is_taken_from_the_version_the_event_made()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var agent = $"mcp-agent-{suffix}";
        var created = OmEvent.Created(Guid.NewGuid(), $"agents.db.s.e{suffix}") with { UserName = $"carol-{suffix}" };
        var edited = created.Next().Set("description", "by an agent");
        // The entity of the event names the agent; the event itself does not.
        edited.Entity!["impersonatedBy"] = agent;
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(created, edited))).StatusCode);

        var events = (await server.QueryAsync($$"""{ events(where: { fqn: { eq: "agents.db.s.e{{suffix}}" } }, order: [{ timestamp: ASC }]) { nodes { impersonatedBy } } }"""))
            .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("impersonatedBy").GetString());
        Assert.Equal([null, agent], events);
    }
}

public sealed class SqliteImpersonationTests(SqliteServerFixture fixture) : ImpersonationTests(fixture.Server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresImpersonationTests(PostgresServerFixture fixture) : ImpersonationTests(fixture.Server), IClassFixture<PostgresServerFixture>;
