using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>Refuses the delivery pipeline's own <c>Bus</c> keys when the worker could not run with them, naming the key.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var join = options.Join;
        return join.RetainedDecisionCapacity < 1 || join.RetainedDecisionCapacity > join.RecentDecisionCapacity
            ? ValidateOptionsResult.Fail("Bus:Join:RetainedDecisionCapacity must be between 1 and Bus:Join:RecentDecisionCapacity.")
            : ValidateOptionsResult.Success;
    }
}
