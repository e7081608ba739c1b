using System.ComponentModel.DataAnnotations;

namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// <see cref="RangeAttribute"/> for options checked by an <c>[OptionsValidator]</c>-generated validator. The generator
/// swaps <see cref="RangeAttribute"/> itself for a copy that drops <see cref="ValidationAttribute.ErrorMessage"/>
/// (dotnet/runtime#123137), which would turn "Admin:BatchPredictMaxRows must be between 1 and 100000." into
/// "The field AdminOptions.BatchPredictMaxRows must be between 1 and 100000."; a derived attribute is used as written.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class OptionRangeAttribute : RangeAttribute
{
    public OptionRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    public OptionRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }
}
