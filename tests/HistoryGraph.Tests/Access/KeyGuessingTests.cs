using System.Net;
using System.Net.Http.Json;

namespace HistoryGraph.Tests.Access;

/// Refused credentials count against their address (Auth:RateLimits:Failures): past the burst,
/// a request that presents any is answered 429 before its key is looked up.
public class KeyGuessingTests(KeyGuessingTests.ServerFixture fixture) : IClassFixture<KeyGuessingTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => ["Auth:AllowAnonymousReads=false", "Auth:RateLimits:Failures:PermitsPerMinute=60", "Auth:RateLimits:Failures:Burst=3"];
    }

    [Fact]
    public async Task guessing_keys_from_one_address_is_answered_429_after_the_burst()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
            request.Headers.Add("X-Api-Key", $"hg_guessguess{(char)('a' + i)}{(char)('a' + i)}_" + new string('C', 43));
            using var response = await fixture.Server.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.True(statuses.Take(3).All(s => s == HttpStatusCode.Unauthorized) && statuses.Skip(3).All(s => s == HttpStatusCode.TooManyRequests), string.Join(",", statuses));
    }
}
