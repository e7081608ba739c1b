using Arbitrex.MlLayer.Feed;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await FeedCommand.RunAsync(args, Console.Error, Console.Out, cancel.Token);
