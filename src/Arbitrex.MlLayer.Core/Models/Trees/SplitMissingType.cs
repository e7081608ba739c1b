namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>Which values a split sends its default way instead of comparing them (LightGBM's <c>MissingType</c>).</summary>
internal enum SplitMissingType
{
    /// <summary>Nothing is missing: NaN is compared as 0.</summary>
    None = 0,

    /// <summary>Zero (|value| ≤ 1e-35) and NaN take the default direction.</summary>
    Zero = 1,

    /// <summary>NaN takes the default direction.</summary>
    NaN = 2,
}
