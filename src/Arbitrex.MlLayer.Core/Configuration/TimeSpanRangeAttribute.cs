using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// A <see cref="TimeSpan"/> option within [<see cref="Minimum"/>, <see cref="Maximum"/>], both given as invariant
/// <c>c</c>-format strings. Stands in for <c>[Range(typeof(TimeSpan), …)]</c>, which converts its bounds through a
/// reflection-based <c>TypeConverter</c> and so is not safe to trim.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        Minimum = TimeSpan.ParseExact(minimum, "c", CultureInfo.InvariantCulture);
        Maximum = TimeSpan.ParseExact(maximum, "c", CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    /// <summary>A missing value is valid, as with <see cref="RangeAttribute"/>; <c>[Required]</c> asks for one.</summary>
    public override bool IsValid(object? value) => value is null || (value is TimeSpan span && span >= Minimum && span <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum, Maximum);
}
