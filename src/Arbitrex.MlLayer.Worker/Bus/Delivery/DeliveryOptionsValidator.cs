using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>Refuses the delivery pipeline's own <c>Bus</c> keys when the worker could not run with them, naming the key.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var join = options.Join;
        var failures = new List<string>();
        if (join.RetainedDecisionCapacity < 1 || join.RetainedDecisionCapacity > join.RecentDecisionCapacity)
        {
            failures.Add("Bus:Join:RetainedDecisionCapacity must be between 1 and Bus:Join:RecentDecisionCapacity.");
        }

        if (options.Outcomes.DecisionCapacity is < 1 or > 10_000_000)
        {
            failures.Add("Bus:Outcomes:DecisionCapacity must be between 1 and 10000000.");
        }

        if (options.Outcomes.SampleOutcomeDelay < TimeSpan.Zero)
        {
            failures.Add("Bus:Outcomes:SampleOutcomeDelay must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
