using Arbitrex.MlLayer.Feed;

FeedOptions options;
try
{
    options = FeedOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(FeedOptions.Usage);
    return 64;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await new FeedRunner(options, Console.Error, Console.Out).RunAsync(cancel.Token);
