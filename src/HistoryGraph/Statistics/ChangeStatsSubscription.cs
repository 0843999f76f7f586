using GraphQL;
using HistoryGraph.Live;

namespace HistoryGraph.Statistics;

/// The stream of one `changeStats` subscription: the updates of its statistics, shared with
/// every subscription that has the same arguments (LiveChangeStats).
public sealed class ChangeStatsSubscription(LiveChangeStats live, ChangeStatsArguments arguments, long? after, SubscriberFlow? flow) : IObservable<object?>
{
    // Built here, while the subscription is resolved, so that a filter it cannot take is the
    // subscribe request's error; an aggregator started for these arguments uses it.
    private readonly LiveTopic _topic = LiveTopics.Changes(arguments.Where);

    /// The updates as they are (each a ChangeStatsUpdate).
    public IDisposable Subscribe(IObserver<object?> observer) => Start(observer, update => ValueTask.FromResult<object?>(update));

    /// The updates turned into results by `render`, delivered one by one in order.
    public IObservable<ExecutionResult> Render(Func<ChangeStatsUpdate, Task<ExecutionResult>> render) => new Rendered(this, render);

    private IDisposable Start<T>(IObserver<T> observer, Func<ChangeStatsUpdate, ValueTask<T>> render)
    {
        var subscriber = new ChangeStatsSubscriber(after ?? live.Head, flow, async update => observer.OnNext(await render(update)), observer.OnError);
        live.Join(arguments, _topic, subscriber);
        return subscriber;
    }

    private sealed class Rendered(ChangeStatsSubscription subscription, Func<ChangeStatsUpdate, Task<ExecutionResult>> render) : IObservable<ExecutionResult>
    {
        public IDisposable Subscribe(IObserver<ExecutionResult> observer) => subscription.Start(observer, update => new ValueTask<ExecutionResult>(render(update)));
    }
}
